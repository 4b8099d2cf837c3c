package io.pipewright.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer on 127.0.0.1 standing in for Azure Resource Manager: it answers from a queue
 * (bodies from the published examples, see {@link SpecExamples}) and remembers when each request
 * arrived, for tests of Retry-After.
 */
public final class FakeArmServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();

  public FakeArmServer() throws IOException {
    server.setDispatcher(new QueueDispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        arrivals.add(System.nanoTime());
        return super.dispatch(request);
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

  public FakeArmServer enqueue(MockResponse response) {
    ((QueueDispatcher) server.getDispatcher()).enqueue(response);
    return this;
  }

  /** A JSON answer; {@code headers} are name, value, name, value, … */
  public FakeArmServer json(int code, String body, String... headers) {
    MockResponse.Builder builder = new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json; charset=utf-8").body(body);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.addHeader(headers[i], headers[i + 1]);
    }
    return enqueue(builder.build());
  }

  /** An answer with no body (a 202 or 204 of a delete); {@code headers} as for {@link #json}. */
  public FakeArmServer empty(int code, String... headers) {
    MockResponse.Builder builder = new MockResponse.Builder().code(code);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.addHeader(headers[i], headers[i + 1]);
    }
    return enqueue(builder.build());
  }

  public int requestCount() {
    return server.getRequestCount();
  }

  /** System.nanoTime() when each request arrived, in order. */
  public List<Long> arrivals() {
    return List.copyOf(arrivals);
  }

  /** The next request, waiting at most 5 s for it. */
  public RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request within 5 s");
    }
    return request;
  }

  @Override
  public void close() {
    server.close();
  }
}
