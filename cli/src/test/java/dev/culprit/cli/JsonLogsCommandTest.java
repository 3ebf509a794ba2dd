package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit broker --log-format json} in a JVM of its own: until the command's own line that
 * the broker is up, every line on stderr is one JSON log object, the broker's start among them.
 */
class JsonLogsCommandTest {
  @TempDir Path dir;

  @Test
  void brokerLogsOneJsonObjectPerLine() throws Exception {
    Process broker =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "broker",
                "--log-format",
                "json",
                "--port",
                "0",
                "--data-dir",
                dir.toString())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    List<JsonNode> logs = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("Kafka broker at ")) {
        lines.add(line);
        logs.add(Json.mapper().readTree(line));
      }
      assertThat(line).as(String.join("\n", lines)).startsWith("Kafka broker at 127.0.0.1:");
    } finally {
      broker.destroy();
      if (!broker.waitFor(60, TimeUnit.SECONDS)) {
        broker.destroyForcibly();
      }
    }
    assertThat(logs).allSatisfy(l -> assertThat(l.isObject()).isTrue());
    assertThat(logs)
        .allSatisfy(
            l -> assertThat(l.fieldNames()).toIterable().contains("time", "level", "logger"));
    assertThat(logs)
        .anySatisfy(
            l -> {
              assertThat(l.path("logger").asText())
                  .isEqualTo("dev.culprit.kafka.EmbeddedKafkaBroker");
              assertThat(l.path("level").asText()).isEqualTo("INFO");
              assertThat(l.path("message").asText()).startsWith("Embedded Kafka broker ready");
              assertThat(l.path("thread").asText()).isEqualTo("main");
            });
  }
}
