package dev.culprit.notify;

import dev.culprit.kafka.KafkaClients;
import dev.culprit.model.FailedNotification;
import dev.culprit.model.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes failed notifications to {@code culprit.notify.dlq}, keyed by incident id. */
public final class KafkaDeadLetters implements DeadLetters, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetters.class);
  private final Producer<String, FailedNotification> producer;

  public KafkaDeadLetters(String bootstrapServers) {
    this(KafkaClients.of(bootstrapServers));
  }

  /** Dead letters on the cluster {@code clients} names, with its client settings. */
  public KafkaDeadLetters(KafkaClients clients) {
    Properties p = clients.properties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    this.producer =
        new KafkaProducer<>(
            p,
            Topics.NOTIFY_DLQ.keySerde().serializer(),
            Topics.NOTIFY_DLQ.valueSerde().serializer());
  }

  @Override
  public void accept(FailedNotification f) {
    LOG.warn(
        "Giving up on {} to {} after {} attempts: {}",
        f.idempotencyKey(),
        f.destination(),
        f.attempts(),
        f.reason());
    producer.send(
        new ProducerRecord<>(Topics.NOTIFY_DLQ.name(), f.incidentId(), f),
        (m, e) -> {
          if (e != null) {
            LOG.error("Cannot write {} to {}", f.idempotencyKey(), Topics.NOTIFY_DLQ.name(), e);
          }
        });
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
