package dev.culprit.feedback;

import dev.culprit.kafka.KafkaClients;
import dev.culprit.model.Feedback;
import dev.culprit.model.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Writes feedback to {@code culprit.feedback} with {@code acks=all}, keyed by incident id, with the
 * feedback's time as record timestamp. A write that Kafka has not acknowledged within {@code
 * timeout} fails, and so does one that cannot even find the broker.
 */
public final class KafkaFeedbackSink implements FeedbackSink, AutoCloseable {
  private final Producer<String, Feedback> producer;
  private final Duration timeout;

  /**
   * @throws KafkaException when {@code bootstrapServers} cannot be used (say, a host that does not
   *     resolve)
   */
  public KafkaFeedbackSink(String bootstrapServers, Duration timeout) {
    this(KafkaClients.of(bootstrapServers), timeout);
  }

  /** A sink on the cluster {@code clients} names, with its client settings. */
  public KafkaFeedbackSink(KafkaClients clients, Duration timeout) {
    this.timeout = timeout;
    String millis = String.valueOf(Math.max(1, timeout.toMillis()));
    Properties p = clients.properties();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "culprit-feedback");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
    this.producer =
        new KafkaProducer<>(
            p, Topics.FEEDBACK.keySerde().serializer(), Topics.FEEDBACK.valueSerde().serializer());
  }

  @Override
  public CompletableFuture<Void> write(Feedback feedback) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(
              Topics.FEEDBACK.name(), null, feedback.time(), feedback.incidentId(), feedback),
          (metadata, error) -> {
            if (error != null) {
              done.completeExceptionally(error);
            } else {
              done.complete(null);
            }
          });
    } catch (KafkaException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
