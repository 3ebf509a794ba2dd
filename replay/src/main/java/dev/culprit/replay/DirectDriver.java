package dev.culprit.replay;

import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.io.Directories;
import dev.culprit.model.Alert;
import dev.culprit.model.Evidence;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import dev.culprit.model.Trigger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs the pipeline in this process without a broker, fast: the topology's task, stores and serdes
 * as {@link InProcessDriver} sets them up, records processed in the same order, but driven by
 * {@link DriverTask}'s loop, committing every {@value #COMMIT_EVERY} records instead of after each.
 * Store caching stays off, so every processor sees exactly what it sees on the test driver. The
 * default replay path.
 */
public final class DirectDriver implements PipelineDriver {
  static final int COMMIT_EVERY = 10_000;

  private final Path stateDir;
  private final TopologyTestDriver driver;
  private final DriverTask task;
  private final Consumer<Evidence> evidenceSink;
  private final Consumer<GraphEdge> graphSink;
  private final List<Incident> incidents = new ArrayList<>();
  private long suppressed;
  private long piped;
  private long deadLettered;

  public DirectDriver(Topology topology) {
    this(topology, null, null);
  }

  /**
   * A driver that also hands every evidence record to {@code evidenceSink} and every learned graph
   * edge to {@code graphSink} (either may be null).
   */
  public DirectDriver(
      Topology topology, Consumer<Evidence> evidenceSink, Consumer<GraphEdge> graphSink) {
    this.evidenceSink = evidenceSink;
    this.graphSink = graphSink;
    stateDir = Directories.createTemp("culprit-replay-state");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "culprit-replay");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process:0");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put("processing.exception.handler.global.enabled", true);
    // the loop feeds one record at a time and drains everything it causes, so the task never has
    // to wait for an empty partition; without this, each readiness check formats log lines
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    driver = new TopologyTestDriver(topology, p, Instant.EPOCH);
    task = new DriverTask(driver, this::output);
  }

  private void output(ProducerRecord<byte[], byte[]> r) {
    String topic = r.topic();
    if (topic.equals(Topics.INCIDENTS.name())) {
      incidents.add(read(Topics.INCIDENTS, r));
    } else if (topic.equals(Topics.SUPPRESSED.name())) {
      suppressed++;
    } else if (topic.equals(Topics.DLQ.name())) {
      deadLettered++;
    } else if (evidenceSink != null && topic.equals(Topics.EVIDENCE.name())) {
      evidenceSink.accept(read(Topics.EVIDENCE, r));
    } else if (graphSink != null && topic.equals(Topics.GRAPH.name())) {
      graphSink.accept(read(Topics.GRAPH, r));
    }
  }

  private static <V> V read(Topic<String, V> topic, ProducerRecord<byte[], byte[]> r) {
    return topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
  }

  private <V> void pipe(Topic<String, V> topic, String key, V value, long timestamp) {
    task.pipe(
        topic.name(),
        timestamp,
        topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
    if (++piped % COMMIT_EVERY == 0) {
      task.commit();
    }
  }

  @Override
  public void send(Signal signal) {
    String key = signal.entity().key();
    long at = signal.time();
    switch (signal) {
      case MetricSample m -> pipe(Topics.METRICS, key, m, at);
      case LogEvent l -> pipe(Topics.LOGS, key, l, at);
      case Span s -> pipe(Topics.SPANS, key, s, at);
      case Alert a -> pipe(Topics.ALERTS, key, a, at);
    }
  }

  @Override
  public void sendRaw(RawRecord r) {
    RecordHeaders headers = new RecordHeaders();
    r.headers().forEach(h -> headers.add(h.key(), h.value()));
    task.pipe(r.topic(), r.timestamp(), r.key(), r.value(), headers);
    if (++piped % COMMIT_EVERY == 0) {
      task.commit();
    }
  }

  /** Raw records that could not be read and went to {@code culprit.dlq}. */
  public long deadLettered() {
    return deadLettered;
  }

  @Override
  public void declare(List<GraphEdge> edges) {
    for (GraphEdge e : edges) {
      pipe(Topics.GRAPH, e.key(), e, Math.max(0, e.lastSeen()));
    }
  }

  @Override
  public void trigger(Trigger trigger) {
    pipe(Topics.TRIGGERS, trigger.scope(), trigger, trigger.at());
  }

  @Override
  public List<Incident> drainIncidents() {
    List<Incident> out = List.copyOf(incidents);
    incidents.clear();
    return out;
  }

  @Override
  public List<Incident> finish() {
    task.commit();
    return drainIncidents();
  }

  /** The topology's key-value store {@code name}, as of the last commit ({@link #finish}). */
  public <V> KeyValueStore<String, V> store(String name) {
    KeyValueStore<String, V> store = driver.getKeyValueStore(name);
    if (store == null) {
      throw new IllegalArgumentException("The topology has no key-value store " + name);
    }
    return store;
  }

  @Override
  public long suppressed() {
    return suppressed;
  }

  @Override
  public void close() {
    driver.close();
    Directories.deleteRecursively(stateDir);
  }
}
