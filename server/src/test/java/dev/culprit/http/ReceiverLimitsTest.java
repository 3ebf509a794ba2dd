package dev.culprit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/**
 * What a receiver answers when the write cannot succeed (413, not retried), when it takes too long
 * from its very start (503), when a path is busy (429, body unread), and when a client stops
 * sending (the connection is closed after the idle timeout).
 */
class ReceiverLimitsTest {
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aRecordKafkaWillNeverTakeIs413AndAnOutageIs503() throws Exception {
    List<Throwable> failures =
        List.of(
            new RecordTooLargeException("The message is 2000000 bytes"),
            new IllegalStateException("broker down"));
    AtomicInteger n = new AtomicInteger();
    RawSink sink = (t, p, h) -> CompletableFuture.failedFuture(failures.get(n.getAndIncrement()));
    try (IngestServer s = start(sink, Duration.ofSeconds(5), 8)) {
      HttpResponse<String> tooLarge = post(s, "{}");
      HttpResponse<String> down = post(s, "{}");
      assertThat(tooLarge.statusCode()).isEqualTo(413);
      assertThat(tooLarge.body()).contains("too large to write");
      assertThat(down.statusCode()).isEqualTo(503);
    }
  }

  @Test
  void theWriteTimeoutCoversStartingTheWriteToo() throws Exception {
    RawSink slowToStart =
        (t, p, h) -> {
          sleep(400);
          return CompletableFuture.runAsync(
              () -> sleep(400), CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS));
        };
    try (IngestServer s = start(slowToStart, Duration.ofMillis(600), 8)) {
      HttpResponse<String> r = post(s, "{}");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("no acknowledgement within");
    }
  }

  @Test
  void aBusyPathAnswers429WithRetryAfterAndTheOthersGoOn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(2);
    RawSink held =
        (t, p, h) -> {
          started.countDown();
          return CompletableFuture.runAsync(
              () -> {
                try {
                  release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
        };
    try (IngestServer s = start(held, Duration.ofSeconds(30), 2)) {
      List<CompletableFuture<HttpResponse<String>>> first = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        first.add(
            client.sendAsync(
                request(s, "/api/v1/alerts", "{}"), HttpResponse.BodyHandlers.ofString()));
      }
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      HttpResponse<String> third = post(s, "{}");
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(URI.create(base(s) + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      release.countDown();

      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(health.statusCode()).isEqualTo(200);
      for (var f : first) {
        assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(post(s, "{}").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aConnectionThatStopsSendingItsHeadersIsClosedAfterTheIdleTimeout() throws Exception {
    try (IngestServer s =
        start((t, p, h) -> CompletableFuture.completedFuture(null), WRITE_TIMEOUT, 8)) {
      Dropped d = stall(s, "POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\n");
      assertThat(d.closedAfter()).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void aConnectionThatStopsSendingItsBodyIsClosedAfterTheIdleTimeoutAndNothingIsWritten()
      throws Exception {
    AtomicInteger writes = new AtomicInteger();
    RawSink counting =
        (t, p, h) -> {
          writes.incrementAndGet();
          return CompletableFuture.completedFuture(null);
        };
    try (IngestServer s = start(counting, WRITE_TIMEOUT, 8)) {
      Dropped d =
          stall(
              s,
              "POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 100\r\n\r\n{\"alerts\":");
      assertThat(d.closedAfter()).isLessThan(Duration.ofSeconds(4));
      assertThat(d.answer()).startsWith("HTTP/1.1 408").contains("nothing received for PT1S");
      assertThat(writes).hasValue(0);
      assertThat(post(s, "{}").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aClientThatHangsUpMidBodyCostsOneLogLineAndNoWrite() throws Exception {
    AtomicInteger writes = new AtomicInteger();
    RawSink counting =
        (t, p, h) -> {
          writes.incrementAndGet();
          return CompletableFuture.completedFuture(null);
        };
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = System.err;
    try (IngestServer s = start(counting, WRITE_TIMEOUT, 8)) {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try (Socket socket = new Socket("127.0.0.1", s.port())) {
        socket
            .getOutputStream()
            .write(
                ("POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!log.toString(StandardCharsets.UTF_8).contains("Dropped")
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(200);
      System.setErr(err);
      assertThat(post(s, "{}").statusCode()).isEqualTo(200);
    } finally {
      System.setErr(err);
    }
    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains("[WARN]", "Dropped POST /api/v1/alerts");
    assertThat(writes).hasValue(1);
  }

  private record Dropped(Duration closedAfter, String answer) {}

  /** Sends {@code start} on a raw socket, then nothing, and reads until the server closes it. */
  private static Dropped stall(IngestServer s, String start) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", s.port())) {
      socket.setSoTimeout(10_000);
      long t0 = System.nanoTime();
      socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] answer = socket.getInputStream().readAllBytes();
      return new Dropped(
          Duration.ofNanos(System.nanoTime() - t0), new String(answer, StandardCharsets.US_ASCII));
    }
  }

  private static IngestServer start(RawSink sink, Duration timeout, int concurrent)
      throws Exception {
    return IngestServer.start(
        new IngestServer.Config(0, null, 1 << 20, timeout, null, concurrent, Duration.ofSeconds(1)),
        List.of(new Route("/api/v1/alerts", "alertmanager.raw", (p, t) -> Route.Check.ok())),
        sink);
  }

  private HttpResponse<String> post(IngestServer s, String body) throws Exception {
    return client.send(request(s, "/api/v1/alerts", body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(IngestServer s, String path, String body) {
    return HttpRequest.newBuilder(URI.create(base(s) + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String base(IngestServer s) {
    return "http://127.0.0.1:" + s.port();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
