package dev.culprit.app.notify;

import dev.culprit.app.feedback.FeedbackLinks;
import dev.culprit.app.kafka.KafkaClients;
import dev.culprit.model.Incident;
import dev.culprit.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifies destinations about incidents. Consumes {@code culprit.incidents} (key: incident id) with
 * its own consumer group on its own thread, runs each version through a {@link Dispatcher}, and
 * commits offsets only after the batch has been handed to every destination's queue (at least once;
 * delivery then retries or dead-letters to {@code culprit.notify.dlq}). {@link #close()} stops
 * consuming and drains the queues within the drain timeout.
 */
public final class IncidentNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentNotifier.class);

  private final Consumer<String, Incident> consumer;
  private final Dispatcher dispatcher;
  private final KafkaDeadLetters deadLetters;
  private final Duration drainTimeout;
  private final NotifyObserver observer;
  private final Thread thread;
  private volatile boolean running = true;

  private IncidentNotifier(
      Consumer<String, Incident> consumer,
      Dispatcher dispatcher,
      KafkaDeadLetters deadLetters,
      Duration drainTimeout,
      NotifyObserver observer) {
    this.observer = observer;
    this.consumer = consumer;
    this.dispatcher = dispatcher;
    this.deadLetters = deadLetters;
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

  /** As the other {@code start}, reporting incidents opened and delivery outcomes to {@code o}. */
  public static IncidentNotifier start(
      Config config,
      List<Destination> destinations,
      Function<TargetKind, Renderer> renderers,
      NotifyObserver o) {
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
            o);
    IncidentNotifier n =
        new IncidentNotifier(
            consumer(config), dispatcher, dlq, config.delivery().drainTimeout(), o);
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
      consumer.subscribe(List.of(Topics.INCIDENTS.name()));
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("Incident notifier stopped", e);
    } finally {
      consumer.close();
    }
  }

  private void pollOnce() {
    try {
      var records = consumer.poll(Duration.ofMillis(500));
      for (ConsumerRecord<String, Incident> r : records) {
        if (r.value() != null) {
          if (r.value().version() == 1) {
            observer.incidentOpened();
          }
          dispatcher.dispatch(r.value());
        }
      }
      if (!records.isEmpty()) {
        consumer.commitSync();
      }
    } catch (RecordDeserializationException e) {
      LOG.warn("Skipping unreadable incident at {} offset {}", e.topicPartition(), e.offset(), e);
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  /** Stops consuming, then delivers what is queued for at most the drain timeout. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    dispatcher.deliveries().forEach(Delivery::startClosing);
    dispatcher.deliveries().forEach(d -> d.awaitClosed(deadline));
    deadLetters.close();
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
