package dev.culprit.kafka;

import dev.culprit.ingest.format.OtlpEncoder;
import dev.culprit.model.Alert;
import dev.culprit.model.Signal;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes signals the way an OpenTelemetry Collector's Kafka exporter does: OTLP protobuf export
 * requests on {@code otlp_metrics}, {@code otlp_spans} and {@code otlp_logs}, without a key, for
 * the normalising stage to read. Signals of one type are batched, in the order sent, for up to
 * {@link #BATCH_MILLIS} of event time or {@link #MAX_BATCH} signals; each request's record
 * timestamp is the event time of its first signal, as a collector's would be the time it sends at.
 * Alerts have no OTLP form and are refused.
 */
public final class OtlpProducer implements SignalWriter {
  static final long BATCH_MILLIS = 1000;
  static final int MAX_BATCH = 500;

  private final Producer<byte[], byte[]> producer;
  private final Map<SignalType, List<Signal>> batches = new EnumMap<>(SignalType.class);
  private long sent;

  public OtlpProducer(String bootstrapServers, String clientId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Adds a signal to its type's batch, sending the batch first when it is full or older.
   *
   * @throws IllegalArgumentException for an alert
   */
  @Override
  public void send(Signal signal) {
    if (signal instanceof Alert) {
      throw new IllegalArgumentException("Invalid signal: alerts have no OTLP form");
    }
    emitStartedBefore(signal.time() - BATCH_MILLIS + 1);
    List<Signal> batch = batches.computeIfAbsent(signal.type(), t -> new ArrayList<>());
    if (batch.size() >= MAX_BATCH) {
      emit(batch);
    }
    batch.add(signal);
  }

  /** Sends the batches whose first signal is earlier than {@code time}, oldest first. */
  private void emitStartedBefore(long time) {
    batches.values().stream()
        .filter(b -> !b.isEmpty() && b.getFirst().time() < time)
        .sorted(Comparator.comparingLong(b -> b.getFirst().time()))
        .toList()
        .forEach(this::emit);
  }

  private void emit(List<Signal> batch) {
    OtlpEncoder.Encoded e = OtlpEncoder.encode(batch);
    producer.send(
        new ProducerRecord<>(e.topic(), null, batch.getFirst().time(), null, e.payload()));
    sent += batch.size();
    batch.clear();
  }

  /** Sends every open batch, oldest first, and waits for the acknowledgements. */
  @Override
  public void flush() {
    emitStartedBefore(Long.MAX_VALUE);
    producer.flush();
  }

  @Override
  public long sent() {
    return sent;
  }

  @Override
  public void close() {
    flush();
    producer.close();
  }
}
