package dev.culprit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** {@code --log-format json}: each log line one JSON object with the fields README names. */
class JsonLogsTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private JsonLogProvider.Factory factory() {
    Properties p = new Properties();
    p.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    p.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    p.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
    return new JsonLogProvider.Factory(
        new LogLevels(p), new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      out.add(Json.mapper().readTree(line));
    }
    return out;
  }

  @Test
  void everyLineIsOneJsonObjectWithTimeLevelLoggerMessageThreadAndException() throws Exception {
    JsonLogProvider.Factory f = factory();
    Logger culprit = f.getLogger("dev.culprit.run.LiveRunner");
    culprit.info("Started {} on \"{}\"", "pipeline", "line\nbreak");
    culprit.debug("not logged at info");
    culprit.warn("Cannot send {}", "a/v1", new IllegalStateException("broker gone"));
    f.getLogger("org.apache.kafka.clients.consumer.KafkaConsumer").info("kafka chatter");
    f.getLogger("org.apache.kafka.clients.consumer.KafkaConsumer").warn("kafka warning");
    f.getLogger("org.apache.kafka.clients.NetworkClient").warn("benign");

    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(3);
    JsonNode first = lines.get(0);
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("logger").asText()).isEqualTo("dev.culprit.run.LiveRunner");
    assertThat(first.path("message").asText()).isEqualTo("Started pipeline on \"line\nbreak\"");
    assertThat(first.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(Instant.parse(first.path("time").asText())).isNotNull();
    assertThat(first.path("time").asText()).endsWith("Z");
    assertThat(first.has("exception")).isFalse();

    JsonNode warn = lines.get(1);
    assertThat(warn.path("level").asText()).isEqualTo("WARN");
    assertThat(warn.path("message").asText()).isEqualTo("Cannot send a/v1");
    assertThat(warn.path("exception").asText())
        .startsWith("java.lang.IllegalStateException: broker gone\n\tat ");
    assertThat(lines.get(2).path("message").asText()).isEqualTo("kafka warning");
  }

  @Test
  void controlCharactersAreEscaped() throws Exception {
    factory().getLogger("x").error("tab\there \u0001 and \\ back");
    assertThat(lines().get(0).path("message").asText()).isEqualTo("tab\there \u0001 and \\ back");
  }

  @Test
  void jsonIsChosenFromTheRawArgumentsOnly() {
    assertThat(LogFormat.requested(new String[] {"run", "--log-format", "JSON"})).isEqualTo("json");
    assertThat(LogFormat.requested(new String[] {"demo", "--log-format=json"})).isEqualTo("json");
    assertThat(LogFormat.requested(new String[] {"run", "--http-port", "0"})).isNull();
    assertThat(LogFormat.requested(new String[] {"replay", "--", "--log-format", "json"})).isNull();
  }
}
