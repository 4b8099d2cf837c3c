package io.pipewright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping calls from another thread: in flight, during a backoff wait, before they start, by interrupt. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CancellationTest {
  private final TestServer server = new TestServer();
  private final ScheduledExecutorService other = Executors.newSingleThreadScheduledExecutor();
  private final Cancellation cancellation = new Cancellation();
  /** System.nanoTime() when the other thread canceled. */
  private final AtomicLong canceledAt = new AtomicLong();

  CancellationTest() throws Exception {}

  @AfterEach
  void stop() throws InterruptedException {
    other.shutdownNow();
    other.awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  private void cancelIn(long millis) {
    other.schedule(() -> {
      canceledAt.set(System.nanoTime());
      cancellation.cancel();
    }, millis, TimeUnit.MILLISECONDS);
  }

  private Duration sinceCancel() {
    return Duration.ofNanos(System.nanoTime() - canceledAt.get());
  }

  @Test
  void cancelStopsASlowAnswerAtOnce() {
    server.enqueue(new MockResponse.Builder().bodyDelay(20, TimeUnit.SECONDS).body("{\"id\":1}").build());
    RestClient client = RestClient.to(server.url()).build();
    cancelIn(300);

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.get("/batches/1", cancellation));

    assertThat(sinceCancel()).isLessThan(Duration.ofSeconds(1));
    assertThat(e.canceled()).isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).isEqualTo("GET " + server.url() + "/batches/1: canceled");
  }

  @Test
  void cancelingAPostInFlightLeavesItsOutcomeUnknown() {
    server.enqueue(new MockResponse.Builder().headersDelay(20, TimeUnit.SECONDS).body("{\"id\":1}").build());
    RestClient client = RestClient.to(server.url()).build();
    cancelIn(300);

    RemoteException e = catchThrowableOfType(RemoteException.class,
        () -> client.post("/batches", Map.of("file", "x"), cancellation));

    assertThat(sinceCancel()).isLessThan(Duration.ofSeconds(1));
    assertThat(e.canceled()).isTrue();
    assertThat(e.outcomeUnknown()).isTrue();
  }

  @Test
  void cancelEndsABackoffWaitAtOnce() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "30").build());
    RestClient client = RestClient.to(server.url()).build(); // the default policy waits up to 60 s for Retry-After
    cancelIn(300);

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.get("/batches", cancellation));

    assertThat(sinceCancel()).isLessThan(Duration.ofSeconds(1));
    assertThat(e.canceled()).isTrue();
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aCanceledCancellationSendsNothing() {
    cancellation.cancel();
    RestClient client = RestClient.to(server.url()).build();

    RemoteException e = catchThrowableOfType(RemoteException.class,
        () -> client.post("/batches", Map.of("file", "x"), cancellation));

    assertThat(e.canceled()).isTrue();
    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void anInterruptDuringABackoffWaitCancelsAndKeepsTheInterruptFlag() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "30").build());
    RestClient client = RestClient.to(server.url()).build();
    Thread caller = Thread.currentThread();
    other.schedule(caller::interrupt, 300, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.get("/batches", Cancellation.none()));

    assertThat(Thread.interrupted()).as("the interrupt flag").isTrue(); // and clears it for the next test
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(e.canceled()).isTrue();
  }

  @Test
  void anInterruptedThreadSendsNothingAndKeepsItsFlag() {
    RestClient client = RestClient.to(server.url()).build();
    Thread.currentThread().interrupt();

    RemoteException e = catchThrowableOfType(RemoteException.class, () -> client.get("/batches", Cancellation.none()));

    assertThat(Thread.interrupted()).as("the interrupt flag").isTrue();
    assertThat(e.canceled()).isTrue();
    assertThat(server.requestCount()).isZero();
  }
}
