package dev.culprit.http;

import dev.culprit.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes accepted payloads to Kafka with {@code acks=all}; the future completes on the ack. Records
 * up to {@link #recordLimit(int)} of the body limit are accepted by the producer (the raw topics
 * Culprit creates accept as much), and the producer gives up within the write timeout: half of it
 * waiting for metadata, half for the acknowledgement, so that an answer after the timeout is never
 * a write that the producer still retries.
 */
public final class KafkaRawSink implements RawSink, AutoCloseable {
  /** Room for headers and the record batch around the largest body. */
  static final int OVERHEAD_BYTES = 64 * 1024;

  private final Producer<byte[], byte[]> producer;

  /**
   * @param maxBodyBytes the largest payload the HTTP receivers accept
   * @param writeTimeout how long a write may take from send to acknowledgement
   */
  public KafkaRawSink(String bootstrapServers, int maxBodyBytes, Duration writeTimeout) {
    this(KafkaClients.of(bootstrapServers), maxBodyBytes, writeTimeout);
  }

  /** A sink on the cluster {@code clients} names, with its client settings. */
  public KafkaRawSink(KafkaClients clients, int maxBodyBytes, Duration writeTimeout) {
    long half = Math.max(1, writeTimeout.toMillis() / 2);
    Properties p = clients.properties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "culprit-http-ingest");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(recordLimit(maxBodyBytes)));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(half));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(half));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(half));
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The largest record written for bodies of at most {@code maxBodyBytes}. */
  public static int recordLimit(int maxBodyBytes) {
    return (int) Math.min(Integer.MAX_VALUE, (long) maxBodyBytes + OVERHEAD_BYTES);
  }

  @Override
  public CompletableFuture<Void> write(String topic, byte[] payload, Map<String, String> headers) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, payload);
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      producer.send(
          record,
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
    producer.close();
  }
}
