package dev.culprit.notify;

import static dev.culprit.notify.Incidents.open;
import static dev.culprit.notify.Incidents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.Incident;
import dev.culprit.model.Json;
import dev.culprit.model.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The notifier stopped mid-stream and started again on the same in-JVM broker: what it told each
 * destination comes back from {@code culprit.notifier-state}, so no notification is sent twice,
 * none is lost, and Slack keeps editing the message it posted before the restart.
 */
class NotifierRestartTest {
  private static final String TOKEN = "xoxb-test-token";

  /** One Slack Web API double: each chat.postMessage gets a new ts, every call is recorded. */
  private static final class FakeSlack implements AutoCloseable {
    record Call(String method, String key, String ts, String channel) {}

    private final HttpServer server;
    private final AtomicInteger posts = new AtomicInteger();
    final List<Call> calls = new CopyOnWriteArrayList<>();

    FakeSlack() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/api/", this::handle);
      server.start();
    }

    String api() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        JsonNode body = Json.mapper().readTree(ex.getRequestBody().readAllBytes());
        String ts =
            method.equals("chat.postMessage")
                ? "1700000000.00000" + posts.incrementAndGet()
                : body.path("ts").asText();
        calls.add(new Call(method, body.path("key").asText(), ts, body.path("channel").asText()));
        byte[] answer =
            ("{\"ok\":true,\"channel\":\"C123\",\"ts\":\"" + ts + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void aRestartNeitherRepeatsNorLosesANotificationAndSlackKeepsEditingTheSameMessage()
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        CaptureServer hook = new CaptureServer(Sleeper.system());
        FakeSlack slack = new FakeSlack()) {
      broker.createTopics(List.of(Topics.INCIDENTS, Topics.NOTIFY_DLQ));
      produce(
          broker.bootstrapServers(),
          List.of(
              open("a", 1, "x"),
              open("b", 1, "x"),
              open("a", 2, "y", "x"),
              open("a", 2, "y", "x"),
              open("b", 2, "x"),
              resolved("a", 3, "y"),
              resolved("b", 3, "x")));
      List<Destination> destinations =
          List.of(
              Destination.parse("webhook:" + hook.url(), Map.of()),
              Destination.parse(
                  "slack-bot:#ops?token=env:BOT&api=" + slack.api(), Map.of("BOT", TOKEN)));
      // one send a second per destination, nothing drained at close: stopping after two sends
      // leaves the rest queued and uncommitted
      DeliveryOptions slow =
          DeliveryOptions.defaults()
              .withRate(1, 1)
              .withTimeouts(Duration.ofSeconds(5), Duration.ZERO);

      IncidentNotifier first = start(broker, "restart-test", slow, destinations);
      await(() -> hook.accepted.size() >= 2 && slack.calls.size() >= 2);
      first.close();
      assertThat(hook.accepted).containsExactly("a/v1", "b/v1");

      IncidentNotifier second =
          start(broker, "restart-test", DeliveryOptions.defaults().withRate(100, 10), destinations);
      await(() -> hook.accepted.size() >= 5 && slack.calls.size() >= 5);
      second.close();

      // a new group re-reads every version from the start: all were announced already
      IncidentNotifier third =
          start(broker, "restart-test-new", DeliveryOptions.defaults(), destinations);
      awaitCommitted(broker, "restart-test-new");
      third.close();

      assertThat(hook.accepted).containsExactly("a/v1", "b/v1", "a/v2", "a/v3", "b/v3");
      assertThat(hook.invalid).isEmpty();
      assertThat(slack.calls)
          .extracting(FakeSlack.Call::key)
          .containsExactly("a/v1", "b/v1", "a/v2", "a/v3", "b/v3");
      assertThat(slack.calls)
          .extracting(FakeSlack.Call::method)
          .containsExactly(
              "chat.postMessage", "chat.postMessage", "chat.update", "chat.update", "chat.update");
      String tsA = slack.calls.get(0).ts();
      String tsB = slack.calls.get(1).ts();
      assertThat(tsA).isNotEqualTo(tsB);
      assertThat(slack.calls.subList(2, 5))
          .extracting(FakeSlack.Call::ts, FakeSlack.Call::channel)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(tsA, "C123"),
              org.assertj.core.groups.Tuple.tuple(tsA, "C123"),
              org.assertj.core.groups.Tuple.tuple(tsB, "C123"));
      try (var admin = broker.admin()) {
        ConfigResource topic =
            new ConfigResource(ConfigResource.Type.TOPIC, Topics.NOTIFIER_STATE.name());
        assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic))
            .extracting(c -> c.get("cleanup.policy").value())
            .isEqualTo("compact");
      }
    }
  }

  private static IncidentNotifier start(
      EmbeddedKafkaBroker broker,
      String group,
      DeliveryOptions options,
      List<Destination> destinations) {
    IncidentNotifier.Config config =
        new IncidentNotifier.Config(
            broker.bootstrapServers(), group, Lifecycle.Updates.MATERIAL, null, options, true);
    return IncidentNotifier.start(config, destinations, kind -> new TestRenderer());
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static void awaitCommitted(EmbeddedKafkaBroker broker, String group) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (var admin = broker.admin()) {
      while (System.nanoTime() < deadline) {
        var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (offsets.values().stream().anyMatch(o -> o != null && o.offset() == 7)) {
          return;
        }
        Thread.sleep(50);
      }
    }
  }

  private static void produce(String servers, List<Incident> versions) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    try (KafkaProducer<String, Incident> producer =
        new KafkaProducer<>(
            p,
            Topics.INCIDENTS.keySerde().serializer(),
            Topics.INCIDENTS.valueSerde().serializer())) {
      for (Incident i : versions) {
        producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), i.id(), i));
      }
      producer.flush();
    }
  }
}
