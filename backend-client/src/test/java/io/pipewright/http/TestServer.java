package io.pipewright.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer on 127.0.0.1 that answers from a queue and remembers when each request arrived
 * (RecordedRequest has no time).
 */
final class TestServer implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  /** System.nanoTime() when each request was dispatched, in order. */
  final List<Long> arrivals = new CopyOnWriteArrayList<>();

  TestServer() throws IOException {
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
  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  TestServer enqueue(MockResponse response) {
    ((QueueDispatcher) server.getDispatcher()).enqueue(response);
    return this;
  }

  TestServer enqueue(int code, String body) {
    return enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  int requestCount() {
    return server.getRequestCount();
  }

  /** The next request, waiting at most 5 s for it. */
  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request within 5 s");
    }
    return request;
  }

  /** A port on 127.0.0.1 where nothing listens (free a moment ago). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
