package io.pipewright.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewright.io.Jackson;
import java.util.Map;

/**
 * The JSON the embedded workspace keeps as text in its history: compute and linked-service
 * settings, run parameters, fingerprint parts. Map keys are written sorted, so equal maps are
 * equal text.
 */
final class Json {

  private static final ObjectMapper MAPPER = Jackson.MAPPER;

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A list of strings, or an empty list when the text is null or not one. */
  static java.util.List<String> stringList(String text) {
    if (text == null) {
      return java.util.List.of();
    }
    try {
      return MAPPER.readValue(text, new TypeReference<java.util.List<String>>() {});
    } catch (JsonProcessingException e) {
      return java.util.List.of();
    }
  }

  /** A map of maps of strings (a fingerprint's details), or an empty map when the text is not one. */
  static Map<String, Map<String, String>> nestedMap(String text) {
    try {
      return MAPPER.readValue(text, new TypeReference<Map<String, Map<String, String>>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  /** A map of strings, or an empty map when the text is not one. */
  static Map<String, String> stringMap(String text) {
    try {
      return MAPPER.readValue(text, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
