package io.pipewright.http;

import java.io.IOException;

/**
 * Supplies bearer tokens for {@link RestClient.Builder#bearer(TokenSource)} (Azure's credentials
 * later). Called on the calling thread before each request; it should cache its token.
 */
@FunctionalInterface
public interface TokenSource {
  /**
   * A token to send as {@code Authorization: Bearer <token>}.
   *
   * @param refresh true after the server answered 401 to the last one: give a new one, not the cached one
   */
  String token(boolean refresh) throws IOException;
}
