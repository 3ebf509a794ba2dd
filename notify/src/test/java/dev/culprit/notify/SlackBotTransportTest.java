package dev.culprit.notify;

import static dev.culprit.notify.Incidents.note;
import static dev.culprit.notify.Incidents.open;
import static dev.culprit.notify.Incidents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.culprit.model.FailedNotification;
import dev.culprit.model.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackBotTransportTest {
  private static final String TOKEN = "xoxb-test-SECRET";

  record Call(String method, String auth, JsonNode body) {}

  private final TestClock clock = new TestClock();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Queue<String> answers = new ConcurrentLinkedQueue<>();
  private HttpServer slack;

  @BeforeEach
  void startFakeSlack() throws IOException {
    slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext("/api/", this::handle);
    slack.start();
  }

  @AfterEach
  void stop() {
    slack.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestURI().getPath().substring("/api/".length());
      calls.add(
          new Call(
              method,
              ex.getRequestHeaders().getFirst("Authorization"),
              Json.mapper().readTree(ex.getRequestBody().readAllBytes())));
      String answer = answers.poll();
      if (answer == null) {
        answer = "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1700000000.000100\"}";
      }
      if (answer.contains("ratelimited")) {
        ex.getResponseHeaders().add("Retry-After", "3");
      }
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
  }

  private SlackBotTransport transport(boolean thread) {
    Destination d = Destination.parse("slack-bot:#ops", Map.of("SLACK_BOT_TOKEN", TOKEN));
    return new SlackBotTransport(
        HttpClient.newHttpClient(),
        "http://127.0.0.1:" + slack.getAddress().getPort() + "/api",
        d.target(),
        d.channel(),
        thread,
        new TestRenderer(),
        Duration.ofSeconds(2),
        clock);
  }

  @Test
  void postsTheFirstMessageThenUpdatesItWithTheRememberedTs() throws Exception {
    SlackBotTransport t = transport(false);
    Attempt opened = t.send(note(open("a", 1, "x"), Notification.Kind.OPENED));
    assertThat(opened).isEqualTo(new Attempt.Sent(new ChatMessage("C123", "1700000000.000100")));
    ChatMessage first = ((Attempt.Sent) opened).posted();
    assertThat(t.send(note(open("a", 2, "y"), Notification.Kind.UPDATED), first))
        .isEqualTo(new Attempt.Sent());
    assertThat(t.send(note(resolved("a", 3, "y"), Notification.Kind.RESOLVED), first))
        .isEqualTo(new Attempt.Sent());

    assertThat(calls)
        .extracting(Call::method)
        .containsExactly("chat.postMessage", "chat.update", "chat.update");
    assertThat(calls).extracting(Call::auth).containsOnly("Bearer " + TOKEN);
    assertThat(calls.get(0).body().path("channel").asText()).isEqualTo("#ops");
    assertThat(calls.get(0).body().path("key").asText()).isEqualTo("a/v1");
    assertThat(calls.get(0).body().has("ts")).isFalse();
    for (Call update : calls.subList(1, 3)) {
      assertThat(update.body().path("channel").asText()).isEqualTo("C123");
      assertThat(update.body().path("ts").asText()).isEqualTo("1700000000.000100");
    }
    assertThat(calls.get(2).body().path("kind").asText()).isEqualTo("RESOLVED");
  }

  @Test
  void threadModeRepliesInTheThreadOfTheFirstMessage() throws Exception {
    SlackBotTransport t = transport(true);
    Attempt a = t.send(note(open("a", 1, "x"), Notification.Kind.OPENED));
    t.send(note(open("b", 1, "x"), Notification.Kind.OPENED));
    t.send(note(open("a", 2, "y"), Notification.Kind.UPDATED), ((Attempt.Sent) a).posted());

    assertThat(calls).extracting(Call::method).containsOnly("chat.postMessage");
    assertThat(calls.get(1).body().has("thread_ts")).isFalse();
    assertThat(calls.get(2).body().path("thread_ts").asText()).isEqualTo("1700000000.000100");
    assertThat(calls.get(2).body().path("channel").asText()).isEqualTo("C123");
  }

  @Test
  void okFalseIsAFailureAndRatelimitedIsRetriedAfterRetryAfter() throws Exception {
    SlackBotTransport t = transport(false);
    answers.add("{\"ok\":false,\"error\":\"ratelimited\"}");
    answers.add("{\"ok\":false,\"error\":\"channel_not_found\"}");
    Attempt limited = t.send(note(open("a", 1, "x"), Notification.Kind.OPENED));
    Attempt failed = t.send(note(open("a", 1, "x"), Notification.Kind.OPENED));

    assertThat(limited)
        .isEqualTo(new Attempt.Retry("slack chat.postMessage: ratelimited", Duration.ofSeconds(3)));
    assertThat(failed).isEqualTo(new Attempt.Fail("slack chat.postMessage: channel_not_found"));
  }

  @Test
  void throughDeliveryARatelimitedPostIsRetriedThenUpdated() throws Exception {
    answers.add("{\"ok\":false,\"error\":\"ratelimited\"}");
    List<FailedNotification> dead = new CopyOnWriteArrayList<>();
    DeliveryOptions options =
        DeliveryOptions.defaults()
            .withRate(100, 10)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    try (Delivery d =
        new Delivery("slack-bot:#ops", Route.ALL, transport(false), options, clock, dead::add)) {
      d.offer(note(open("a", 1, "x"), Notification.Kind.OPENED));
      d.offer(note(open("a", 2, "y"), Notification.Kind.UPDATED));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (calls.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    assertThat(calls)
        .extracting(Call::method)
        .containsExactly("chat.postMessage", "chat.postMessage", "chat.update");
    assertThat(clock.sleeps).contains(Duration.ofSeconds(3));
    assertThat(dead).isEmpty();
  }
}
