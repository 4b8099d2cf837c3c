package io.pipewright.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The application interceptors a {@link RestClient} adds: its fixed headers and its credentials,
 * sent only to its own server (scheme, host and port of its base URL), never to an absolute URL
 * elsewhere (Azure's SAS log links, for example).
 */
final class Authentication {
  private Authentication() {}

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  /** Adds fixed headers ({@code X-Requested-By} for Livy's CSRF filter, ...). */
  record FixedHeaders(HttpUrl origin, Map<String, String> headers) implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (!sameOrigin(origin, request.url())) {
        return chain.proceed(request);
      }
      Request.Builder builder = request.newBuilder();
      headers.forEach(builder::header);
      return chain.proceed(builder.build());
    }
  }

  /** Preemptive basic authentication. */
  static final class Basic implements Interceptor {
    private final HttpUrl origin;
    private final String header;

    Basic(HttpUrl origin, String user, char[] password) {
      this.origin = origin;
      // The password becomes a String here, once; the caller's array is not kept.
      this.header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + new String(password))
          .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (!sameOrigin(origin, request.url())) {
        return chain.proceed(request);
      }
      return chain.proceed(request.newBuilder().header("Authorization", header).build());
    }
  }

  /**
   * Bearer tokens from a {@link TokenSource}: the cached token first; after a 401 one new token
   * and one more try of that request, then the 401 stands.
   */
  record Bearer(HttpUrl origin, TokenSource tokens) implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (!sameOrigin(origin, request.url())) {
        return chain.proceed(request);
      }
      Response response = chain.proceed(withToken(request, false));
      if (response.code() != 401) {
        return response;
      }
      response.close();
      return chain.proceed(withToken(request, true));
    }

    private Request withToken(Request request, boolean refresh) throws TokenUnavailableException {
      String token;
      try {
        token = tokens.token(refresh);
      } catch (IOException e) {
        throw new TokenUnavailableException(e);
      }
      if (token == null || token.isBlank()) {
        throw new TokenUnavailableException(new IOException("the token source gave no token"));
      }
      return request.newBuilder().header("Authorization", "Bearer " + token).build();
    }
  }

  /** The {@link TokenSource} failed: nothing was sent. */
  static final class TokenUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    TokenUnavailableException(IOException cause) {
      super("no bearer token: " + cause.getMessage(), cause);
    }
  }
}
