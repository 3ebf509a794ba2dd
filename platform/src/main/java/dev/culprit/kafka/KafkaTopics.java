package dev.culprit.kafka;

import dev.culprit.model.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates registry topics on a cluster through the Admin client. */
public final class KafkaTopics {
  private static final Map<String, String> TOPIC_CONFIG =
      Map.of(
          "retention.ms", "-1",
          "message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE),
          "message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));

  private KafkaTopics() {}

  /** A new Admin client for {@code bootstrapServers}; the caller closes it. */
  public static Admin admin(String bootstrapServers) {
    return Admin.create(adminProperties(KafkaClients.of(bootstrapServers)));
  }

  private static Properties adminProperties(KafkaClients clients) {
    Properties p = clients.properties();
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "culprit-admin");
    return p;
  }

  /**
   * An Admin client for {@code clients} whose calls give up after {@code timeout}, so that closing
   * it does too; the caller closes it.
   */
  public static Admin admin(KafkaClients clients, Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    Properties p = adminProperties(clients);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(millis));
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(millis, 30_000)));
    return Admin.create(p);
  }

  /**
   * Creates each topic with {@code partitions} partitions, the cluster's default replication factor
   * ({@code default.replication.factor}) and unlimited retention ({@code retention.ms=-1}: replays
   * write records with old timestamps) and any record timestamp accepted (the demo runs ahead of
   * the wall clock); {@linkplain Topic#compacted() compacted} topics with {@code
   * cleanup.policy=compact}. Topics that exist already are left as they are.
   *
   * @throws IllegalStateException when a topic cannot be created within {@code timeout}
   */
  public static void create(
      String bootstrapServers,
      Collection<? extends Topic<?, ?>> topics,
      int partitions,
      Duration timeout) {
    create(bootstrapServers, topics, partitions, timeout, Map.of());
  }

  /**
   * Creates the topics as {@link #create(String, Collection, int, Duration)} does, with {@code
   * extra} topic settings on top (say, {@code max.message.bytes}).
   */
  public static void create(
      String bootstrapServers,
      Collection<? extends Topic<?, ?>> topics,
      int partitions,
      Duration timeout,
      Map<String, String> extra) {
    create(KafkaClients.of(bootstrapServers), topics, partitions, timeout, extra);
  }

  /**
   * Creates the topics as {@link #create(String, Collection, int, Duration, Map)} does, on the
   * cluster {@code clients} names, with its client settings.
   */
  public static void create(
      KafkaClients clients,
      Collection<? extends Topic<?, ?>> topics,
      int partitions,
      Duration timeout,
      Map<String, String> extra) {
    Map<String, String> config = new java.util.HashMap<>(TOPIC_CONFIG);
    config.putAll(extra);
    if (partitions < 1) {
      throw new IllegalArgumentException("Invalid partitions: " + partitions);
    }
    Map<String, String> compacted = new java.util.HashMap<>(config);
    compacted.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    List<NewTopic> newTopics =
        topics.stream()
            .map(
                t ->
                    new NewTopic(t.name(), Optional.of(partitions), Optional.empty())
                        .configs(t.compacted() ? compacted : config))
            .toList();
    try (Admin admin = admin(clients, timeout)) {
      var results = admin.createTopics(newTopics).values();
      for (var entry : results.entrySet()) {
        try {
          entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out creating topics after " + timeout, e);
    }
  }
}
