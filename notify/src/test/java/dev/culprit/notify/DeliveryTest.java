package dev.culprit.notify;

import static dev.culprit.notify.Incidents.note;
import static dev.culprit.notify.Incidents.open;
import static dev.culprit.notify.Incidents.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.FailedNotification;
import dev.culprit.notify.CaptureServer.Hang;
import dev.culprit.notify.CaptureServer.Status;
import dev.culprit.notify.CaptureServer.TooMany;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryTest {
  private final TestClock clock = new TestClock();
  private final List<FailedNotification> dead = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<AutoCloseable> open = new ArrayList<>();

  private final DeliveryOptions fast =
      DeliveryOptions.defaults()
          .withRate(1000, 100)
          .withRetries(Duration.ofSeconds(1), Duration.ofMinutes(5), 8, Duration.ofHours(1))
          .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2));

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private CaptureServer server() throws Exception {
    CaptureServer s = new CaptureServer(clock);
    open.add(s);
    return s;
  }

  private Delivery delivery(CaptureServer s, DeliveryOptions options) {
    Destination d = Destination.parse("webhook:" + s.url(), Map.of());
    Delivery delivery =
        Delivery.start(d, k -> new TestRenderer(), options, clock, dead::add, client);
    open.add(0, delivery);
    return delivery;
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(done.getAsBoolean()).as("condition within 10 s").isTrue();
  }

  @Test
  void everyUpdateArrivesOnceInOrderDespiteErrorsTimeoutsAndRateLimits() throws Exception {
    CaptureServer s =
        server()
            .then(
                new Status(500),
                new Hang(1000),
                new Status(503),
                new TooMany(now -> "2"),
                new Status(200),
                new Status(502),
                new Hang(1000));
    Delivery d = delivery(s, fast);
    List<Notification> sent =
        List.of(
            note(open("a", 1, "x"), Notification.Kind.OPENED),
            note(open("b", 1, "x"), Notification.Kind.OPENED),
            note(open("a", 2, "y"), Notification.Kind.UPDATED),
            note(open("b", 3, "y"), Notification.Kind.UPDATED),
            note(resolved("a", 4, "y"), Notification.Kind.RESOLVED),
            note(resolved("b", 5, "y"), Notification.Kind.RESOLVED));
    sent.forEach(d::offer);

    await(() -> s.uniqueAccepted().size() == 6);
    assertThat(s.uniqueAccepted()).containsExactly("a/v1", "b/v1", "a/v2", "b/v3", "a/v4", "b/v5");
    assertThat(s.requests.size()).as("retries happened").isGreaterThan(6);
    assertThat(s.invalid).isEmpty();
    assertThat(dead).isEmpty();
    // a hung request that the client gave up on was retried under the same key
    assertThat(s.requests.stream().map(CaptureServer.Request::key).distinct().count()).isEqualTo(6);
  }

  @Test
  void retryAfterInSecondsIsHonouredOnTheClock() throws Exception {
    CaptureServer s = server().then(new TooMany(now -> "7"));
    Delivery d = delivery(s, fast);
    d.offer(note(open("a", 1, "x"), Notification.Kind.OPENED));

    await(() -> s.accepted.size() == 1);
    Instant first = s.requests.get(0).at();
    Instant second = s.requests.get(1).at();
    assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    assertThat(clock.sleeps).contains(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsHttpDateIsHonouredOnTheClock() throws Exception {
    List<Instant> indicated = new CopyOnWriteArrayList<>();
    CaptureServer s =
        server()
            .then(
                new TooMany(
                    now -> {
                      Instant at = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(30);
                      indicated.add(at);
                      return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                          at.atOffset(ZoneOffset.UTC));
                    }));
    Delivery d = delivery(s, fast);
    d.offer(note(open("a", 1, "x"), Notification.Kind.OPENED));

    await(() -> s.accepted.size() == 1);
    assertThat(s.requests).hasSize(2);
    assertThat(s.requests.get(1).at()).isAfterOrEqualTo(indicated.get(0));
    assertThat(Duration.between(s.requests.get(0).at(), s.requests.get(1).at()))
        .isGreaterThan(Duration.ofSeconds(29));
  }

  @Test
  void permanentFailuresEndInTheDeadLettersWithTheReason() throws Exception {
    CaptureServer failing = server().always(new Status(500));
    Delivery d =
        delivery(
            failing,
            fast.withRetries(Duration.ofSeconds(1), Duration.ofSeconds(4), 4, Duration.ofHours(1)));
    d.offer(note(open("a", 1, "x"), Notification.Kind.OPENED));

    await(() -> dead.size() == 1);
    FailedNotification f = dead.get(0);
    assertThat(f.idempotencyKey()).isEqualTo("a/v1");
    assertThat(f.incidentId()).isEqualTo("a");
    assertThat(f.version()).isEqualTo(1);
    assertThat(f.attempts()).isEqualTo(4);
    assertThat(f.reason()).isEqualTo("HTTP 500");
    assertThat(f.destination()).startsWith("webhook:http://127.0.0.1/").doesNotContain("s3cr3t");
    assertThat(failing.requests).hasSize(4);
    // backoff 1 s, 2 s, 4 s between the four attempts
    assertThat(clock.sleeps)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void clientErrorsAreNotRetried() throws Exception {
    CaptureServer s = server().then(new Status(404));
    Delivery d = delivery(s, fast);
    d.offer(note(open("a", 1, "x"), Notification.Kind.OPENED));
    d.offer(note(open("a", 2, "y"), Notification.Kind.UPDATED));

    await(() -> s.accepted.size() == 1);
    assertThat(dead)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.attempts()).isEqualTo(1);
              assertThat(f.reason()).isEqualTo("HTTP 404");
            });
    assertThat(s.accepted).containsExactly("a/v2");
  }

  @Test
  void aDeadEndpointDoesNotDelayAHealthyOne() throws Exception {
    CaptureServer hung = server().always(new Hang(5_000));
    CaptureServer healthy = server();
    DeliveryOptions slow = fast.withTimeouts(Duration.ofSeconds(3), Duration.ZERO);
    Delivery stuck = delivery(hung, slow);
    Delivery ok = delivery(healthy, slow);

    long start = System.nanoTime();
    for (int v = 1; v <= 5; v++) {
      Notification n = note(open("a", v, "x" + v), Notification.Kind.UPDATED);
      stuck.offer(n);
      ok.offer(n);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));

    await(() -> healthy.accepted.size() == 5);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(hung.accepted).isEmpty();
    assertThat(stuck.pending()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void tokenBucketSpacesSendsAfterTheBurst() throws Exception {
    CaptureServer s = server();
    Delivery d = delivery(s, fast.withRate(2, 2));
    for (int v = 1; v <= 6; v++) {
      d.offer(note(open("a", v, "x" + v), Notification.Kind.UPDATED));
    }

    await(() -> s.accepted.size() == 6);
    List<Instant> at = s.requests.stream().map(CaptureServer.Request::at).toList();
    assertThat(Duration.between(at.get(0), at.get(1))).isLessThan(Duration.ofMillis(100));
    for (int i = 2; i < 6; i++) {
      assertThat(Duration.between(at.get(i - 1), at.get(i)))
          .as("gap before send %d", i + 1)
          .isGreaterThanOrEqualTo(Duration.ofMillis(490));
    }
    assertThat(Duration.between(at.get(0), at.get(5)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1990));
  }

  @Test
  void closeDeadLettersWhatItCouldNotDeliver() throws Exception {
    CaptureServer hung = server().always(new Hang(5_000));
    Delivery d = delivery(hung, fast.withTimeouts(Duration.ofSeconds(3), Duration.ZERO));
    d.offer(note(open("a", 1, "x"), Notification.Kind.OPENED));
    d.offer(note(open("a", 2, "y"), Notification.Kind.UPDATED));
    await(() -> hung.requests.size() == 1);

    d.close(Duration.ofMillis(100));
    assertThat(dead)
        .extracting(FailedNotification::idempotencyKey)
        .containsExactlyInAnyOrder("a/v1", "a/v2");
    assertThat(dead)
        .extracting(FailedNotification::reason)
        .containsOnly("not delivered before shutdown");
    assertThat(d.offer(note(open("a", 3, "y"), Notification.Kind.UPDATED))).isFalse();
  }

  @Test
  void retryAfterParsesSecondsAndDates() {
    Instant now = Instant.parse("2026-11-25T08:00:00Z");
    assertThat(HttpTransport.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(HttpTransport.retryAfter("Wed, 25 Nov 2026 08:01:30 GMT", now))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(HttpTransport.retryAfter("Wed, 25 Nov 2026 07:00:00 GMT", now))
        .isEqualTo(Duration.ZERO);
    assertThat(HttpTransport.retryAfter("soon", now)).isNull();
  }

  @Test
  void backoffDoublesUpToTheCap() {
    DeliveryOptions o =
        fast.withRetries(Duration.ofSeconds(1), Duration.ofMinutes(5), 20, Duration.ofHours(1));
    try (Delivery d = new Delivery("x", Route.ALL, n -> new Attempt.Sent(), o, clock, dead::add)) {
      assertThat(List.of(1, 2, 3, 9, 10, 20).stream().map(d::backoff).toList())
          .containsExactly(
              Duration.ofSeconds(1),
              Duration.ofSeconds(2),
              Duration.ofSeconds(4),
              Duration.ofSeconds(256),
              Duration.ofMinutes(5),
              Duration.ofMinutes(5));
    }
  }

  @Test
  void aRetryAfterBeyondTheTimeBudgetGivesUp() throws Exception {
    CaptureServer s = server().then(new TooMany(now -> "600"));
    Delivery d =
        delivery(
            s,
            fast.withRetries(
                Duration.ofSeconds(1), Duration.ofMinutes(5), 8, Duration.ofMinutes(5)));
    d.offer(note(open("a", 1, "x"), Notification.Kind.OPENED));

    await(() -> dead.size() == 1);
    assertThat(dead.get(0).reason()).isEqualTo("HTTP 429; no time left to retry");
    assertThat(dead.get(0).attempts()).isEqualTo(1);
    assertThat(s.accepted).isEmpty();
  }

  @Test
  void connectionErrorsAreRetriedAndTheirReasonsNameNoSecret() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Destination unreachable =
        Destination.parse("webhook:http://127.0.0.1:" + closedPort + "/hooks/TOPSECRET", Map.of());
    Delivery d =
        Delivery.start(
            unreachable,
            k -> new TestRenderer(),
            fast.withRetries(Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ofHours(1)),
            clock,
            dead::add,
            client);
    open.add(0, d);
    d.offer(note(open("a", 1, "x"), Notification.Kind.OPENED));

    await(() -> dead.size() == 1);
    assertThat(dead.get(0).attempts()).isEqualTo(3);
    assertThat(dead.get(0).reason()).contains("ConnectException").doesNotContain("TOPSECRET");
    assertThat(dead.get(0).destination()).doesNotContain("TOPSECRET");
  }

  @Test
  void aFullQueueDeadLettersInsteadOfBlocking() throws Exception {
    CaptureServer hung = server().always(new Hang(5_000));
    DeliveryOptions tiny =
        new DeliveryOptions(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            3,
            Duration.ofHours(1),
            100,
            10,
            1,
            Duration.ofSeconds(3),
            Duration.ZERO);
    Delivery d = delivery(hung, tiny);
    d.offer(note(open("a", 1, "x"), Notification.Kind.OPENED));
    await(() -> hung.requests.size() == 1);

    assertThat(d.offer(note(open("a", 2, "x"), Notification.Kind.UPDATED))).isTrue();
    assertThat(d.offer(note(open("a", 3, "x"), Notification.Kind.UPDATED))).isFalse();
    assertThat(dead)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.idempotencyKey()).isEqualTo("a/v3");
              assertThat(f.reason()).isEqualTo("queue full");
            });
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(
            () ->
                fast.withRetries(
                    Duration.ofSeconds(2), Duration.ofSeconds(1), 3, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid backoff");
    assertThatThrownBy(() -> fast.withRate(0, 5)).hasMessageContaining("Invalid rate");
    assertThatThrownBy(
            () ->
                fast.withRetries(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofHours(1)))
        .hasMessageContaining("Invalid maxAttempts");
    assertThat(DeliveryOptions.defaults().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(DeliveryOptions.defaults().maxBackoff()).isEqualTo(Duration.ofMinutes(5));
    assertThat(DeliveryOptions.defaults().ratePerSecond()).isEqualTo(1.0);
    assertThat(DeliveryOptions.defaults().burst()).isEqualTo(5);
  }
}
