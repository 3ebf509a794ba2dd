package dev.culprit.notify;

import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.kafka.KafkaClients;
import dev.culprit.model.Incident;
import dev.culprit.model.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifies destinations about incidents. Consumes {@code culprit.incidents} (key: incident id) with
 * its own consumer group on its own thread and runs each version through a {@link Dispatcher}. What
 * each destination was told (and the chat message to edit) is kept in the compacted {@code
 * culprit.notifier-state} and restored on start, and offsets are committed only up to the oldest
 * version whose notifications are not delivered (or dead-lettered to {@code culprit.notify.dlq})
 * yet: after a restart, or a crash, versions already delivered are not announced again and none
 * that were consumed but not delivered are lost. {@link #close()} stops consuming and drains the
 * queues within the drain timeout; what is left then is delivered by the next start.
 */
public final class IncidentNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentNotifier.class);
  private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

  private final Consumer<String, Incident> consumer;
  private final Dispatcher dispatcher;
  private final KafkaDeadLetters deadLetters;
  private final NotifierStates states;
  private final Duration drainTimeout;
  private final NotifyObserver observer;
  private final PendingOffsets pending = new PendingOffsets();
  private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  private IncidentNotifier(
      Consumer<String, Incident> consumer,
      Dispatcher dispatcher,
      KafkaDeadLetters deadLetters,
      NotifierStates states,
      Duration drainTimeout,
      NotifyObserver observer) {
    this.observer = observer;
    this.consumer = consumer;
    this.dispatcher = dispatcher;
    this.deadLetters = deadLetters;
    this.states = states;
    this.drainTimeout = drainTimeout;
    this.thread = Thread.ofPlatform().name("culprit-notifier").unstarted(this::run);
  }

  /**
   * Starts notifying.
   *
   * @param config broker, group and policies
   * @param destinations parsed with {@link Destination#parse(String)}
   * @param renderers the renderer for each target kind in use
   */
  public static IncidentNotifier start(
      Config config, List<Destination> destinations, Function<TargetKind, Renderer> renderers) {
    return start(config, destinations, renderers, NotifyObserver.NONE);
  }

  /**
   * As the other {@code start}, reporting incidents opened and delivery outcomes to {@code o}.
   *
   * @throws IllegalStateException when {@code culprit.notifier-state} cannot be read
   */
  public static IncidentNotifier start(
      Config config,
      List<Destination> destinations,
      Function<TargetKind, Renderer> renderers,
      NotifyObserver o) {
    NotifierStates states = NotifierStateTopic.open(config.clients(), RESTORE_TIMEOUT);
    KafkaDeadLetters dlq = new KafkaDeadLetters(config.clients());
    Dispatcher dispatcher =
        Dispatcher.start(
            destinations,
            renderers,
            config.updates(),
            config.feedbackBaseUrl(),
            config.links(),
            config.delivery(),
            dlq,
            o,
            states);
    IncidentNotifier n =
        new IncidentNotifier(
            consumer(config), dispatcher, dlq, states, config.delivery().drainTimeout(), o);
    n.thread.start();
    LOG.info("Notifying {}", destinations);
    return n;
  }

  private static Consumer<String, Incident> consumer(Config config) {
    Properties p = config.clients().properties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.fromBeginning() ? "earliest" : "latest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(
        p,
        Topics.INCIDENTS.keySerde().deserializer(),
        Topics.INCIDENTS.valueSerde().deserializer());
  }

  private void run() {
    try {
      consumer.subscribe(List.of(Topics.INCIDENTS.name()), new Rebalance());
      while (running) {
        pollOnce();
        commitSettled();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("Incident notifier stopped", e);
    } finally {
      shutDown();
    }
  }

  private void pollOnce() {
    try {
      for (ConsumerRecord<String, Incident> r : consumer.poll(Duration.ofMillis(500))) {
        Runnable settled = pending.add(new TopicPartition(r.topic(), r.partition()), r.offset());
        if (r.value() == null) {
          settled.run();
          continue;
        }
        if (r.value().version() == 1) {
          observer.incidentOpened();
        }
        dispatcher.dispatch(r.value(), settled);
      }
    } catch (RecordDeserializationException e) {
      LOG.warn("Skipping unreadable incident at {} offset {}", e.topicPartition(), e.offset(), e);
      pending.add(e.topicPartition(), e.offset()).run();
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  private void commitSettled() {
    Map<TopicPartition, OffsetAndMetadata> due = new HashMap<>(pending.committable());
    due.entrySet().removeIf(e -> e.getValue().equals(committed.get(e.getKey())));
    if (!due.isEmpty()) {
      consumer.commitSync(due);
      committed.putAll(due);
    }
  }

  /** Drains the deliveries, makes their states durable, commits what settled, closes. */
  private void shutDown() {
    try {
      long deadline = System.nanoTime() + drainTimeout.toNanos();
      dispatcher.deliveries().forEach(Delivery::startClosingKeepingUnsent);
      dispatcher.deliveries().forEach(d -> d.awaitClosed(deadline));
      states.flush();
      try {
        commitSettled();
      } catch (WakeupException e) {
        commitSettled();
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot commit the notifier's last offsets: {}", e.toString());
    } finally {
      consumer.close();
      states.close();
    }
  }

  /**
   * Stops consuming, then delivers what is queued for at most the drain timeout; the rest is left
   * for the next start (its offsets are not committed).
   */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(drainTimeout.plusSeconds(20));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deadLetters.close();
  }

  /** Commits what settled before partitions go, and forgets them. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      try {
        commitSettled();
      } catch (RuntimeException e) {
        LOG.warn("Cannot commit before a rebalance: {}", e.toString());
      }
      pending.drop(revoked);
      revoked.forEach(committed::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {}
  }

  /**
   * Notifier settings.
   *
   * @param bootstrapServers the Kafka bootstrap servers
   * @param groupId the consumer group, {@code culprit-notify} by default
   * @param updates which incident updates are notified
   * @param feedbackBaseUrl where the feedback endpoint is reachable from chat, or null
   * @param delivery retry, rate and timeout settings shared by all destinations
   * @param fromBeginning whether a new consumer group starts at the oldest incident instead of the
   *     newest (an existing group always resumes from its committed offsets)
   * @param links how feedback links are signed (null: unsigned)
   * @param clientSettings Kafka client settings (SASL, TLS) for the notifier's clients
   */
  public record Config(
      String bootstrapServers,
      String groupId,
      Lifecycle.Updates updates,
      String feedbackBaseUrl,
      DeliveryOptions delivery,
      boolean fromBeginning,
      FeedbackLinks links,
      Map<String, String> clientSettings) {
    public static final String GROUP_ID = "culprit-notify";

    public Config {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      clientSettings = clientSettings == null ? Map.of() : Map.copyOf(clientSettings);
      groupId = groupId == null || groupId.isBlank() ? GROUP_ID : groupId;
      updates = updates == null ? Lifecycle.Updates.MATERIAL : updates;
      delivery = delivery == null ? DeliveryOptions.defaults() : delivery;
      links = links == null ? FeedbackLinks.unsigned() : links;
    }

    /** Settings with unsigned feedback links. */
    public Config(
        String bootstrapServers,
        String groupId,
        Lifecycle.Updates updates,
        String feedbackBaseUrl,
        DeliveryOptions delivery,
        boolean fromBeginning) {
      this(bootstrapServers, groupId, updates, feedbackBaseUrl, delivery, fromBeginning, null);
    }

    /** Settings with Kafka's default client settings. */
    public Config(
        String bootstrapServers,
        String groupId,
        Lifecycle.Updates updates,
        String feedbackBaseUrl,
        DeliveryOptions delivery,
        boolean fromBeginning,
        FeedbackLinks links) {
      this(
          bootstrapServers,
          groupId,
          updates,
          feedbackBaseUrl,
          delivery,
          fromBeginning,
          links,
          null);
    }

    /** The cluster and its client settings. */
    public KafkaClients clients() {
      return new KafkaClients(bootstrapServers, clientSettings);
    }

    /** The defaults for {@code bootstrapServers}. */
    public static Config of(String bootstrapServers) {
      return new Config(bootstrapServers, null, null, null, null, false);
    }
  }
}
