package io.pipewright.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewright.http.Authentication.TokenUnavailableException;
import io.pipewright.http.NetworkErrors.Kind;
import io.pipewright.http.RemoteException.Outcome;
import io.pipewright.io.Jackson;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;

/**
 * JSON over HTTP to one server (a Livy server, a Spark master's REST server, an Azure endpoint),
 * on the shared client ({@link Http#shared()}) through a {@code newBuilder()} variant, so that the
 * connection pool and the dispatcher stay shared. Immutable and thread-safe.
 *
 * <p>Every failure is a {@link RemoteException}. GET, PUT and DELETE are idempotent: they are tried
 * again on connection failures, timeouts and 408/429/502/503/504, as the {@link RetryPolicy}
 * allows. A POST is not: it is tried again only where the server surely did not act on it (the
 * connection could not be made, or the answer was 429 or 503); any other failure after it may
 * have reached the server is thrown with {@link RemoteException#outcomeUnknown()} and never sent
 * again by this class.
 *
 * <p>A {@link Cancellation} stops a call in flight or a wait between attempts at once; an interrupt
 * of the calling thread counts as a cancel too (and its interrupt flag stays set).
 *
 * <pre>{@code
 * RestClient livy = RestClient.to("http://127.0.0.1:8998").header("X-Requested-By", "pipewright").build();
 * JsonNode batch = livy.post("/batches", Map.of("file", "local:/app.py"), cancel);
 * }</pre>
 */
public final class RestClient {
  private static final Logger LOG = HttpLogging.LOG;
  private static final ObjectMapper JSON = Jackson.MAPPER;
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  /** The most of an error answer's body read for its message. */
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final Parser<JsonNode> JSON_BODY = RestClient::json;
  private static final Parser<JsonNode> JSON_BODY_OR_EMPTY = RestClient::jsonOrEmpty;
  private static final Parser<String> TEXT_BODY = RestClient::text;

  private final String baseUrl;
  private final OkHttpClient idempotentClient;
  private final OkHttpClient postClient;
  private final Timeouts timeouts;
  private final RetryPolicy retry;

  private RestClient(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.timeouts = builder.timeouts;
    this.retry = builder.retry;
    OkHttpClient.Builder variant = builder.client.newBuilder()
        .connectTimeout(timeouts.connect())
        .readTimeout(timeouts.read())
        .writeTimeout(timeouts.read())
        .callTimeout(timeouts.call());
    if (!builder.headers.isEmpty()) {
      variant.addInterceptor(new Authentication.FixedHeaders(builder.base, Map.copyOf(builder.headers)));
    }
    if (builder.auth != null) {
      variant.addInterceptor(builder.auth);
    }
    this.idempotentClient = variant.build();
    // OkHttp would silently send a request again on some connection failures: never a POST.
    this.postClient = idempotentClient.newBuilder().retryOnConnectionFailure(false).build();
  }

  /** A client of the server at {@code baseUrl}, such as {@code "http://127.0.0.1:8998"} (a trailing slash is fine). */
  public static Builder to(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** The base URL, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** GETs JSON. {@code path} is like {@code "/batches/3?detailed=true"}, or an absolute URL. An empty body is an empty object. */
  public JsonNode get(String path, Cancellation cancel) throws RemoteException {
    return call("GET", path, null, cancel, JSON_BODY);
  }

  /** GETs a plain-text body (a Spark worker's log page). */
  public String getText(String path, Cancellation cancel) throws RemoteException {
    return call("GET", path, null, cancel, TEXT_BODY);
  }

  /** DELETEs; an empty or non-JSON answer is an empty object. */
  public JsonNode delete(String path, Cancellation cancel) throws RemoteException {
    return call("DELETE", path, null, cancel, JSON_BODY_OR_EMPTY);
  }

  /**
   * POSTs {@code body} serialized with Jackson (a {@link JsonNode}, a map, a record; null sends
   * an empty body). Not idempotent: see the class comment and {@link RemoteException#outcomeUnknown()}.
   */
  public JsonNode post(String path, Object body, Cancellation cancel) throws RemoteException {
    return call("POST", path, requestBody(body), cancel, JSON_BODY);
  }

  /** PUTs {@code body} like {@link #post}; a PUT is idempotent (Azure's create-or-update), so retried like a GET. */
  public JsonNode put(String path, Object body, Cancellation cancel) throws RemoteException {
    return call("PUT", path, requestBody(body), cancel, JSON_BODY);
  }

  /**
   * Sends one request and returns the whole answer: status, headers and body, for what the JSON
   * calls hide (Azure's long-running operations answer 201 or 202 with an {@code
   * Azure-AsyncOperation} or {@code Location} header; a blob read by range answers 206). Retried
   * and failed as the other calls; a POST as {@link #post}. {@code body} is serialized as for
   * {@link #post}, or sent as is when it is a {@code byte[]}; {@code headers} are added to this
   * request only.
   */
  public Reply send(String method, String path, Object body, Map<String, String> headers, Cancellation cancel)
      throws RemoteException {
    RequestBody requestBody = body instanceof byte[] bytes
        ? RequestBody.create(bytes, headers.containsKey("Content-Type") ? MediaType.parse(headers.get("Content-Type")) : null)
        : "GET".equals(method) || "DELETE".equals(method) && body == null ? null : requestBody(body);
    return call(method, path, requestBody, headers, cancel, REPLY);
  }

  private static final Parser<Reply> REPLY = (bytes, type, response) -> {
    Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : response.headers().names()) {
      headers.put(name, response.header(name));
    }
    return new Reply(response.code(), headers, bytes);
  };

  /** A whole successful answer of {@link #send}. Header names are case-insensitive. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {

    /** A header's value, or null. */
    public String header(String name) {
      return headers.get(name);
    }

    /** The body as JSON; an empty or non-JSON body is an empty object. */
    public JsonNode json() {
      return jsonOrEmpty(body, null, null);
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static RequestBody requestBody(Object body) {
    if (body == null) {
      return RequestBody.create(new byte[0], null);
    }
    try {
      return RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize the request body: " + e.getOriginalMessage(), e);
    }
  }

  private HttpUrl resolve(String path) {
    Objects.requireNonNull(path, "path");
    String url = path.startsWith("http://") || path.startsWith("https://") ? path
        : baseUrl + (path.startsWith("/") ? path : "/" + path);
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException("not an HTTP URL: " + Redaction.url(url));
    }
    return parsed;
  }

  /** Turns a successful answer's body into the result, or fails with JSON's exception. */
  private interface Parser<T> {
    T parse(byte[] body, MediaType type, Response response) throws JsonProcessingException;
  }

  private static JsonNode json(byte[] body, MediaType type, Response response) throws JsonProcessingException {
    return json(body);
  }

  private static JsonNode json(byte[] body) throws JsonProcessingException {
    if (isBlank(body)) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) { // not thrown when reading from a byte array
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode jsonOrEmpty(byte[] body, MediaType type, Response response) {
    try {
      return json(body);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }

  private static String text(byte[] body, MediaType type, Response response) {
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return new String(body, charset);
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Why one attempt failed, and whether to make another. */
  private record Failure(int status, String detail, String serverMessage, JsonNode errorBody, Duration retryAfter,
      Outcome outcome, Throwable cause, boolean retry) {

    static Failure canceled(boolean maybeActedOn) {
      return new Failure(0, "canceled", null, null, null, maybeActedOn ? Outcome.CANCELED_UNKNOWN : Outcome.CANCELED,
          null, false);
    }

    RemoteException exception(String method, HttpUrl url, String suffix) {
      String text = detail + suffix
          + (outcome == Outcome.UNKNOWN || outcome == Outcome.CANCELED_UNKNOWN ? " (the request may have been acted on)" : "");
      return new RemoteException(method, url.toString(), status, text, serverMessage, errorBody, retryAfter, outcome, cause);
    }
  }

  /** The result of one attempt: a value or a failure. */
  private record Attempt<T>(T value, Failure failure) {}

  private <T> T call(String method, String path, RequestBody body, Cancellation cancel, Parser<T> parser)
      throws RemoteException {
    return call(method, path, body, Map.of(), cancel, parser);
  }

  private <T> T call(String method, String path, RequestBody body, Map<String, String> headers, Cancellation cancel,
      Parser<T> parser) throws RemoteException {
    Objects.requireNonNull(cancel, "cancel: Cancellation.none() when nobody cancels");
    HttpUrl url = resolve(path);
    boolean idempotent = !"POST".equals(method);
    Request.Builder builder = new Request.Builder().url(url).method(method, body)
        .header("Accept", parser == JSON_BODY || parser == JSON_BODY_OR_EMPTY ? "application/json" : "*/*");
    headers.forEach(builder::header);
    Request request = builder.build();
    for (int attempt = 1; ; attempt++) {
      Attempt<T> result = stopped(cancel) ? new Attempt<>(null, Failure.canceled(false))
          : attempt(request, idempotent, cancel, parser);
      Failure failure = result.failure();
      if (failure == null) {
        return result.value();
      }
      String tried = attempt > 1 ? " (tried " + attempt + " times)" : "";
      Duration retryAfter = failure.retryAfter();
      if (retryAfter != null && retryAfter.compareTo(retry.maxRetryAfter()) > 0) {
        throw failure.exception(method, url, "; the server asks to come back in " + words(retryAfter) + tried);
      }
      if (!failure.retry() || attempt >= retry.maxAttempts()) {
        throw failure.exception(method, url, tried);
      }
      Duration wait = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
      if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
        wait = retryAfter;
      }
      LOG.debug("{} {}: {}; trying again in {} ms (attempt {} of {})", method, Redaction.url(url.toString()),
          failure.detail(), wait.toMillis(), attempt, retry.maxAttempts());
      if (cancel.sleep(wait)) {
        throw Failure.canceled(false).exception(method, url, "");
      }
    }
  }

  /** Canceled, or the calling thread was interrupted: both mean stop. */
  private static boolean stopped(Cancellation cancel) {
    return cancel.isCanceled() || Thread.currentThread().isInterrupted();
  }

  private <T> Attempt<T> attempt(Request request, boolean idempotent, Cancellation cancel, Parser<T> parser) {
    Call call = (idempotent ? idempotentClient : postClient).newCall(request);
    Progress progress = new Progress();
    call.addEventListener(progress);
    try (Cancellation.Registration registration = cancel.register(call); Response response = call.execute()) {
      if (!response.isSuccessful()) {
        return new Attempt<>(null, statusFailure(response, idempotent));
      }
      byte[] bytes = response.body().bytes();
      try {
        return new Attempt<>(parser.parse(bytes, response.body().contentType(), response), null);
      } catch (JsonProcessingException e) {
        return new Attempt<>(null, new Failure(response.code(), "the answer was not complete JSON: " + e.getOriginalMessage(),
            null, null, null, idempotent ? Outcome.RETRYABLE : Outcome.UNKNOWN, e, false));
      }
    } catch (IOException e) {
      if (stopped(cancel) || call.isCanceled()) {
        return new Attempt<>(null, Failure.canceled(!idempotent && progress.requestStarted));
      }
      return new Attempt<>(null, transportFailure(e, request.url(), idempotent, progress));
    }
  }

  private Failure transportFailure(IOException e, HttpUrl url, boolean idempotent, Progress progress) {
    if (e instanceof TokenUnavailableException) {
      boolean retryable = e.getCause() instanceof RemoteException r && r.retryable();
      return new Failure(0, e.getMessage(), null, null, null, retryable ? Outcome.RETRYABLE : Outcome.FINAL,
          e.getCause(), false);
    }
    boolean maybeActedOn = progress.requestStarted;
    Kind kind = NetworkErrors.kind(e, maybeActedOn);
    Duration timeout = switch (kind) {
      case CONNECT_TIMEOUT -> timeouts.connect();
      case READ_TIMEOUT -> timeouts.read();
      default -> timeouts.call();
    };
    String detail = kind == Kind.BROKEN && progress.responseStarted
        ? "the answer broke off: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
        : NetworkErrors.describe(kind, e, url.host() + ":" + url.port(), timeout);
    if (kind == Kind.TLS) {
      return new Failure(0, detail, null, null, null, Outcome.FINAL, e, false);
    }
    Outcome outcome = maybeActedOn && !idempotent ? Outcome.UNKNOWN : Outcome.RETRYABLE;
    return new Failure(0, detail, null, null, null, outcome, e, idempotent || !maybeActedOn);
  }

  private static Failure statusFailure(Response response, boolean idempotent) {
    int status = response.code();
    String text = "";
    try {
      text = response.peekBody(MAX_ERROR_BODY).string();
    } catch (IOException e) {
      // The error body was lost: the status says enough.
    }
    JsonNode json = null;
    if (text.stripLeading().startsWith("{")) {
      try {
        json = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        // Not JSON after all: its first line is the message.
      }
    }
    String serverMessage = ServerMessages.from(json, text);
    Duration retryAfter = ServerMessages.retryableStatus(status)
        ? RetryPolicy.retryAfter(response.header("Retry-After"), Instant.now()) : null;
    return new Failure(status, ServerMessages.statusLine(status, response.message(), serverMessage), serverMessage,
        json != null && json.isObject() ? json : null, retryAfter, ServerMessages.outcomeOf(status, idempotent), null,
        ServerMessages.retriedStatus(status, idempotent));
  }

  /** "45 s", "3 min", "2 h". */
  private static String words(Duration d) {
    long seconds = (d.toMillis() + 999) / 1000;
    return seconds < 120 ? seconds + " s" : seconds < 2 * 3600 ? (seconds + 59) / 60 + " min" : (seconds + 3599) / 3600 + " h";
  }

  /** How far one call got: whether the request started to go out, whether an answer started to come. */
  private static final class Progress extends EventListener {
    volatile boolean requestStarted;
    volatile boolean responseStarted;

    @Override
    public void requestHeadersStart(Call call) {
      requestStarted = true;
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
      responseStarted = true;
    }
  }

  /** Configures a {@link RestClient}: timeouts, retries, fixed headers, credentials. */
  public static final class Builder {
    private final String baseUrl;
    private final HttpUrl base;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Interceptor auth;
    private OkHttpClient client = Http.shared();

    private Builder(String baseUrl) {
      String url = Objects.requireNonNull(baseUrl, "baseUrl").strip();
      while (url.endsWith("/")) {
        url = url.substring(0, url.length() - 1);
      }
      this.base = HttpUrl.parse(url);
      if (base == null) {
        throw new IllegalArgumentException("not an http or https URL: " + Redaction.url(url));
      }
      this.baseUrl = url;
    }

    /** Timeouts of this client's calls ({@link Timeouts#DEFAULT} unless set). */
    public Builder timeouts(Timeouts t) {
      this.timeouts = Objects.requireNonNull(t);
      return this;
    }

    /** How calls are tried again ({@link RetryPolicy#DEFAULT} unless set). */
    public Builder retry(RetryPolicy p) {
      this.retry = Objects.requireNonNull(p);
      return this;
    }

    /** A header sent with every request to this server, such as Livy's {@code X-Requested-By}. */
    public Builder header(String name, String value) {
      new Request.Builder().header(name, value); // OkHttp's checks of names and values, now rather than at the first call
      headers.put(name, value);
      return this;
    }

    /** Preemptive basic authentication. The password is encoded now; the array is not kept. */
    public Builder basicAuth(String user, char[] password) {
      this.auth = new Authentication.Basic(base, Objects.requireNonNull(user), Objects.requireNonNull(password));
      return this;
    }

    /** Bearer tokens from {@code tokens}, a new one once after a 401. */
    public Builder bearer(TokenSource tokens) {
      this.auth = new Authentication.Bearer(base, Objects.requireNonNull(tokens));
      return this;
    }

    /** The client to derive from instead of {@link Http#shared()} (tests). */
    public Builder client(OkHttpClient base) {
      this.client = Objects.requireNonNull(base);
      return this;
    }

    public RestClient build() {
      return new RestClient(this);
    }
  }
}
