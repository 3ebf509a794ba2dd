package dev.culprit.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes accepted payloads to Kafka with {@code acks=all}; the future completes on the ack. */
public final class KafkaRawSink implements RawSink, AutoCloseable {
  private final Producer<byte[], byte[]> producer;

  public KafkaRawSink(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "culprit-http-ingest");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public CompletableFuture<Void> write(String topic, byte[] payload, Map<String, String> headers) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, payload);
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    CompletableFuture<Void> done = new CompletableFuture<>();
    producer.send(
        record,
        (metadata, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else {
            done.complete(null);
          }
        });
    return done;
  }

  @Override
  public void close() {
    producer.close();
  }
}
