package io.pipewright.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer on 127.0.0.1 standing in for Azure ML's hosts at once (Resource Manager, Run
 * History, blob storage): each rule answers requests of one method whose path matches a pattern,
 * with its answers in order (the last one again once they run out), so that calls on different
 * resources may interleave as a watch loop does. Blobs put in with {@link #file} are served by
 * byte range, as Azure Storage serves a log file. Every request is kept.
 */
public final class FakeAzureMlServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  private static final class Rule {
    final String method;
    final Pattern path;
    final List<Function<RecordedRequest, MockResponse>> answers = new ArrayList<>();
    int next;

    Rule(String method, Pattern path) {
      this.method = method;
      this.path = path;
    }

    synchronized MockResponse answer(RecordedRequest request) {
      Function<RecordedRequest, MockResponse> answer = answers.get(Math.min(next, answers.size() - 1));
      next++;
      return answer.apply(request);
    }
  }

  public FakeAzureMlServer() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getUrl().encodedPath();
        if ("GET".equals(request.getMethod()) && files.containsKey(path)) {
          return range(files.get(path), request.getHeaders().get("Range"));
        }
        for (Rule rule : rules) {
          if (rule.method.equals(request.getMethod()) && rule.path.matcher(path).matches()) {
            return rule.answer(request);
          }
        }
        return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
            .body("{\"error\":{\"code\":\"NotFound\",\"message\":\"no rule for " + request.getMethod() + " " + path + "\"}}")
            .build();
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  /** "http://127.0.0.1:port". */
  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** A session signed in with fake tokens whose Resource Manager is this server. */
  public FakeAzure session() {
    return new FakeAzure(url());
  }

  /** Answers to {@code method} requests whose path matches {@code pathRegex}, added to by {@link Answers}. */
  public Answers on(String method, String pathRegex) {
    Rule rule = new Rule(method, Pattern.compile(pathRegex));
    rules.add(rule);
    return new Answers(rule);
  }

  /** A blob served by byte range ({@code Range: bytes=a-b} → 206, past its end → 416). */
  public void file(String path, String content) {
    files.put(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends to a blob, as a log grows. */
  public void append(String path, String content) {
    files.merge(path, content.getBytes(StandardCharsets.UTF_8), (a, b) -> {
      byte[] joined = new byte[a.length + b.length];
      System.arraycopy(a, 0, joined, 0, a.length);
      System.arraycopy(b, 0, joined, a.length, b.length);
      return joined;
    });
  }

  /** Every request so far, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests of one method whose path matches {@code pathRegex}. */
  public List<RecordedRequest> requests(String method, String pathRegex) {
    Pattern pattern = Pattern.compile(pathRegex);
    return requests.stream().filter(r -> r.getMethod().equals(method))
        .filter(r -> pattern.matcher(r.getUrl().encodedPath()).matches()).toList();
  }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private static MockResponse range(byte[] content, String header) {
    if (header == null) {
      return new MockResponse.Builder().code(200).body(new okio.Buffer().write(content)).build();
    }
    Matcher m = RANGE.matcher(header);
    if (!m.matches()) {
      return new MockResponse.Builder().code(400).build();
    }
    int from = Integer.parseInt(m.group(1));
    if (from >= content.length) {
      return new MockResponse.Builder().code(416).addHeader("Content-Range", "bytes */" + content.length).build();
    }
    int to = m.group(2).isEmpty() ? content.length - 1 : Math.min(content.length - 1, Integer.parseInt(m.group(2)));
    byte[] slice = java.util.Arrays.copyOfRange(content, from, to + 1);
    return new MockResponse.Builder().code(206)
        .addHeader("Content-Range", "bytes " + from + "-" + to + "/" + content.length)
        .body(new okio.Buffer().write(slice)).build();
  }

  /** The answers of one rule. */
  public static final class Answers {
    private final Rule rule;

    private Answers(Rule rule) {
      this.rule = rule;
    }

    /** A JSON answer; {@code headers} are name, value, name, value, … */
    public Answers json(int code, String body, String... headers) {
      MockResponse.Builder builder = new MockResponse.Builder().code(code)
          .addHeader("Content-Type", "application/json; charset=utf-8").body(body);
      for (int i = 0; i + 1 < headers.length; i += 2) {
        builder.addHeader(headers[i], headers[i + 1]);
      }
      MockResponse response = builder.build();
      rule.answers.add(request -> response);
      return this;
    }

    /** An answer with no body. */
    public Answers empty(int code, String... headers) {
      MockResponse.Builder builder = new MockResponse.Builder().code(code);
      for (int i = 0; i + 1 < headers.length; i += 2) {
        builder.addHeader(headers[i], headers[i + 1]);
      }
      MockResponse response = builder.build();
      rule.answers.add(request -> response);
      return this;
    }

    /** An answer made when the request comes (a status that depends on what was asked before). */
    public Answers dynamic(Function<RecordedRequest, MockResponse> answer) {
      rule.answers.add(answer);
      return this;
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
