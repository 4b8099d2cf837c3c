package io.pipewright.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson setup of Pipewright, for pipeline files, the history's JSON columns, REST bodies
 * and the warm driver's protocol alike. Strict where text comes in (a duplicate key or anything after
 * the value is an error, not silently the last one), stable where it goes out (map keys sorted, so
 * equal maps are equal text). Shared and thread-safe; never reconfigured after this.
 */
public final class Jackson {

  /** The mapper; use it, never change its configuration. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private Jackson() {}
}
