package dev.culprit.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where Kafka is and how to connect to it: the bootstrap servers and client settings (SASL, TLS,
 * timeouts) that every client Culprit opens on that cluster starts from. Each client then sets what
 * it needs itself (serialisers, acks, client id) on top.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param settings Kafka client properties, without {@code bootstrap.servers}
 */
public record KafkaClients(String bootstrapServers, Map<String, String> settings) {
  private static final String BOOTSTRAP = "bootstrap.servers";

  public KafkaClients {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("Invalid bootstrap servers: " + bootstrapServers);
    }
    settings = settings == null ? Map.of() : Map.copyOf(settings);
    if (settings.containsKey(BOOTSTRAP)) {
      throw new IllegalArgumentException(
          "Client settings must not hold bootstrap.servers; it comes from --bootstrap-servers");
    }
  }

  /** A cluster reached in plaintext with Kafka's default client settings. */
  public static KafkaClients of(String bootstrapServers) {
    return new KafkaClients(bootstrapServers, Map.of());
  }

  /**
   * A cluster with the client settings of a Java properties file ({@code security.protocol}, {@code
   * sasl.jaas.config}, {@code ssl.truststore.location}, ...). A {@code bootstrap.servers} line in
   * the file is used when {@code bootstrapServers} is null, and must agree with it otherwise.
   *
   * @throws IllegalArgumentException naming the file and the reason when it cannot be read or names
   *     no cluster
   */
  public static KafkaClients read(String bootstrapServers, Path file) {
    Objects.requireNonNull(file, "file");
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot read Kafka client settings " + file + ": " + e);
    }
    Map<String, String> settings = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k).trim()));
    String fromFile = settings.remove(BOOTSTRAP);
    if (bootstrapServers == null && fromFile == null) {
      throw new IllegalArgumentException(
          "Neither --bootstrap-servers nor bootstrap.servers in " + file + " names a cluster");
    }
    if (bootstrapServers != null && fromFile != null && !fromFile.equals(bootstrapServers)) {
      throw new IllegalArgumentException(
          "bootstrap.servers in "
              + file
              + " ("
              + fromFile
              + ") differs from --bootstrap-servers ("
              + bootstrapServers
              + ")");
    }
    return new KafkaClients(bootstrapServers != null ? bootstrapServers : fromFile, settings);
  }

  /** A new, modifiable copy of the settings with {@code bootstrap.servers} set. */
  public Properties properties() {
    Properties p = new Properties();
    p.putAll(settings);
    p.put(BOOTSTRAP, bootstrapServers);
    return p;
  }

  /** The servers and the names of the settings, never their values (they may hold passwords). */
  @Override
  public String toString() {
    return "KafkaClients["
        + bootstrapServers
        + ", settings "
        + new TreeMap<>(settings).keySet()
        + "]";
  }
}
