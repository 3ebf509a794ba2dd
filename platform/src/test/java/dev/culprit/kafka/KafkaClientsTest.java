package dev.culprit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientsTest {
  @TempDir Path dir;

  @Test
  void readsClientSettingsAndKeepsPasswordsOutOfToString() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file,
        """
        security.protocol=SASL_SSL
        sasl.mechanism=PLAIN
        sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
          username="culprit" password="s3cret";
        """);

    KafkaClients clients = KafkaClients.read("kafka:9093", file);

    assertThat(clients.properties())
        .containsEntry("bootstrap.servers", "kafka:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN");
    assertThat(clients.settings().get("sasl.jaas.config")).contains("password=\"s3cret\"");
    assertThat(clients.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
  }

  @Test
  void theFileMayNameTheClusterButMustNotContradictTheOption() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "bootstrap.servers=a:9092\nsecurity.protocol=SSL\n");

    assertThat(KafkaClients.read(null, file).bootstrapServers()).isEqualTo("a:9092");
    assertThat(KafkaClients.read("a:9092", file).settings())
        .isEqualTo(Map.of("security.protocol", "SSL"));
    assertThatThrownBy(() -> KafkaClients.read("b:9092", file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("differs from --bootstrap-servers (b:9092)");
  }

  @Test
  void aMissingFileOrNoClusterIsAClearError() throws Exception {
    assertThatThrownBy(() -> KafkaClients.read("a:9092", dir.resolve("absent.properties")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot read Kafka client settings")
        .hasMessageContaining("absent.properties");
    Path empty = Files.writeString(dir.resolve("empty.properties"), "security.protocol=SSL\n");
    assertThatThrownBy(() -> KafkaClients.read(null, empty))
        .hasMessageContaining("Neither --bootstrap-servers nor bootstrap.servers");
  }
}
