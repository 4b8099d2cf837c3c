package io.pipewright.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared client's network interceptor that logs each exchange on the logger {@code
 * io.pipewright.http}: at DEBUG the method, the masked URL, the status and the milliseconds; at
 * TRACE also the headers and up to {@value #MAX_BODY} bytes of the bodies, secrets masked (see
 * {@link Redaction}). Nothing above DEBUG: the caller decides what to report.
 */
final class HttpLogging implements Interceptor {
  static final Logger LOG = LoggerFactory.getLogger("io.pipewright.http");
  static final int MAX_BODY = 4096;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isDebugEnabled()) {
      return chain.proceed(request);
    }
    String url = Redaction.url(request.url().toString());
    if (LOG.isTraceEnabled()) {
      LOG.trace("--> {} {}\n{}{}", request.method(), url, headers(request.headers()), requestBody(request.body()));
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      LOG.debug("{} {} failed after {} ms: {}", request.method(), url, millisSince(start), e.toString());
      throw e;
    }
    LOG.debug("{} {} -> {} ({} ms)", request.method(), url, response.code(), millisSince(start));
    if (LOG.isTraceEnabled()) {
      LOG.trace("<-- {} {} {}\n{}{}", response.code(), request.method(), url, headers(response.headers()),
          responseBody(response));
    }
    return response;
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static String headers(Headers headers) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      text.append(headers.name(i)).append(": ").append(Redaction.header(headers.name(i), headers.value(i))).append('\n');
    }
    return text.toString();
  }

  private static String requestBody(RequestBody body) {
    if (body == null) {
      return "";
    }
    if (body.isOneShot() || body.isDuplex()) {
      return "(a body that can be sent only once)";
    }
    try (Buffer buffer = new Buffer()) {
      body.writeTo(buffer);
      return text(buffer.readByteString(Math.min(buffer.size(), MAX_BODY)).utf8(), buffer.size() > 0);
    } catch (IOException e) {
      return "(body unreadable: " + e + ")";
    }
  }

  private static String responseBody(Response response) {
    if (response.header("Content-Encoding") != null && !"identity".equalsIgnoreCase(response.header("Content-Encoding"))) {
      return "(" + response.header("Content-Encoding") + " body)";
    }
    try {
      byte[] bytes = response.peekBody(MAX_BODY + 1).bytes();
      boolean more = bytes.length > MAX_BODY;
      return text(new String(bytes, 0, Math.min(bytes.length, MAX_BODY), StandardCharsets.UTF_8), more);
    } catch (IOException e) {
      return "(body unreadable: " + e + ")";
    }
  }

  private static String text(String body, boolean more) {
    return Redaction.body(body) + (more ? "\n… (more than " + MAX_BODY + " bytes)" : "");
  }
}
