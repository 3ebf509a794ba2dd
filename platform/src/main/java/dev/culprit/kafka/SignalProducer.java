package dev.culprit.kafka;

import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.model.Alert;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import dev.culprit.model.Trigger;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes signals to their canonical topics, keyed by {@code signal.entity().key()}, with the
 * signal's event time as record timestamp, using the registry serdes.
 */
public final class SignalProducer implements SignalWriter {
  private final Producer<byte[], byte[]> producer;
  private long sent;

  public SignalProducer(String bootstrapServers, String clientId) {
    this(KafkaClients.of(bootstrapServers), clientId);
  }

  /** A producer on the cluster {@code clients} names, with its client settings. */
  public SignalProducer(KafkaClients clients, String clientId) {
    Properties p = clients.properties();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void send(Signal signal) {
    producer.send(
        switch (signal) {
          case MetricSample m -> record(Topics.METRICS, m);
          case LogEvent l -> record(Topics.LOGS, l);
          case Span s -> record(Topics.SPANS, s);
          case Alert a -> record(Topics.ALERTS, a);
        });
    sent++;
  }

  /** Writes a raw record to its topic as it was: key, value, headers and timestamp. */
  public void send(RawRecord raw) {
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(raw.topic(), null, raw.timestamp(), raw.key(), raw.value());
    raw.headers().forEach(h -> r.headers().add(h.key(), h.value()));
    producer.send(r);
    sent++;
  }

  /** Writes a declared graph edge to {@code culprit.graph}, keyed by the edge key. */
  public void send(GraphEdge edge) {
    producer.send(
        new ProducerRecord<>(
            Topics.GRAPH.name(),
            null,
            Math.max(0, edge.lastSeen()),
            Topics.GRAPH.keySerde().serializer().serialize(Topics.GRAPH.name(), edge.key()),
            Topics.GRAPH.valueSerde().serializer().serialize(Topics.GRAPH.name(), edge)));
  }

  /** Writes a ranking trigger to {@code culprit.triggers}, keyed by its scope. */
  public void send(Trigger trigger) {
    producer.send(
        new ProducerRecord<>(
            Topics.TRIGGERS.name(),
            null,
            trigger.at(),
            Topics.TRIGGERS
                .keySerde()
                .serializer()
                .serialize(Topics.TRIGGERS.name(), trigger.scope()),
            Topics.TRIGGERS.valueSerde().serializer().serialize(Topics.TRIGGERS.name(), trigger)));
  }

  @Override
  public long sent() {
    return sent;
  }

  @Override
  public void flush() {
    producer.flush();
  }

  private static <V extends Signal> ProducerRecord<byte[], byte[]> record(
      Topic<String, V> topic, V value) {
    String key = value.entity().key();
    return new ProducerRecord<>(
        topic.name(),
        null,
        value.time(),
        topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  @Override
  public void close() {
    producer.close();
  }
}
