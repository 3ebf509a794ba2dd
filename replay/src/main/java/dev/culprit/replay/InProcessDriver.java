package dev.culprit.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.ingest.stage.DeadLetters;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pipeline in this process without a broker (Kafka's TopologyTestDriver): the same
 * topology, stores and serdes, fed synchronously. Fast for replays; caching is off because the
 * driver commits after every record.
 */
public final class InProcessDriver implements PipelineDriver {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessDriver.class);
  private final Path stateDir;
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, MetricSample> metrics;
  private final TestInputTopic<String, LogEvent> logs;
  private final TestInputTopic<String, Span> spans;
  private final TestInputTopic<String, Alert> alerts;
  private final TestInputTopic<String, Trigger> triggers;
  private final TestOutputTopic<String, Incident> incidents;
  private final CapturedRecords captured;
  private final Map<String, TestInputTopic<byte[], byte[]>> raw = new HashMap<>();
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private long deadLettered;

  private final TestOutputTopic<String, Evidence> evidence;
  private final TestOutputTopic<String, Evidence> suppressedTopic;
  private final Consumer<Evidence> evidenceSink;
  private final TestOutputTopic<String, GraphEdge> graph;
  private final Consumer<GraphEdge> graphSink;
  private long suppressed;

  public InProcessDriver(Topology topology) {
    this(topology, null);
  }

  /** A driver that also hands every evidence record to {@code evidenceSink} (may be null). */
  public InProcessDriver(Topology topology, Consumer<Evidence> evidenceSink) {
    this(topology, evidenceSink, null);
  }

  /**
   * A driver that also hands every evidence record to {@code evidenceSink} and every learned graph
   * edge to {@code graphSink} (either may be null).
   */
  public InProcessDriver(
      Topology topology, Consumer<Evidence> evidenceSink, Consumer<GraphEdge> graphSink) {
    this.evidenceSink = evidenceSink;
    this.graphSink = graphSink;
    try {
      stateDir = Files.createTempDirectory("culprit-replay-state");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "culprit-replay");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process:0");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put("processing.exception.handler.global.enabled", true);
    driver = new TopologyTestDriver(topology, p, Instant.EPOCH);
    metrics = input(Topics.METRICS);
    logs = input(Topics.LOGS);
    spans = input(Topics.SPANS);
    alerts = input(Topics.ALERTS);
    triggers = input(Topics.TRIGGERS);
    captured = new CapturedRecords(driver);
    incidents = output(Topics.INCIDENTS);
    evidence = output(Topics.EVIDENCE);
    suppressedTopic = output(Topics.SUPPRESSED);
    graph = output(Topics.GRAPH);
    deadLetters =
        driver.createOutputTopic(
            Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> t) {
    return driver.createInputTopic(
        t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> t) {
    return driver.createOutputTopic(
        t.name(), t.keySerde().deserializer(), t.valueSerde().deserializer());
  }

  @Override
  public void send(Signal signal) {
    String key = signal.entity().key();
    Instant at = Instant.ofEpochMilli(signal.time());
    switch (signal) {
      case MetricSample m -> metrics.pipeInput(key, m, at);
      case LogEvent l -> logs.pipeInput(key, l, at);
      case Span s -> spans.pipeInput(key, s, at);
      case Alert a -> alerts.pipeInput(key, a, at);
    }
  }

  @Override
  public void sendRaw(RawRecord r) {
    TestInputTopic<byte[], byte[]> topic =
        raw.computeIfAbsent(
            r.topic(),
            name ->
                driver.createInputTopic(
                    name, new ByteArraySerializer(), new ByteArraySerializer()));
    RecordHeaders headers = new RecordHeaders();
    r.headers().forEach(h -> headers.add(h.key(), h.value()));
    topic.pipeInput(
        new TestRecord<>(r.key(), r.value(), headers, Instant.ofEpochMilli(r.timestamp())));
  }

  @Override
  public void declare(List<GraphEdge> edges) {
    TestInputTopic<String, GraphEdge> graph = input(Topics.GRAPH);
    for (GraphEdge e : edges) {
      graph.pipeInput(e.key(), e, Instant.ofEpochMilli(Math.max(0, e.lastSeen())));
    }
  }

  @Override
  public void trigger(Trigger trigger) {
    triggers.pipeInput(trigger.scope(), trigger, Instant.ofEpochMilli(trigger.at()));
  }

  /**
   * Returns new incidents and discards everything else the driver captured (changelogs, evidence,
   * graph): the test driver keeps every produced record in memory until read.
   */
  @Override
  public List<Incident> drainIncidents() {
    if (evidenceSink != null) {
      evidence.readValuesToList().forEach(evidenceSink);
    }
    if (graphSink != null) {
      graph.readValuesToList().forEach(graphSink);
    }
    suppressed += suppressedTopic.readValuesToList().size();
    countDeadLetters();
    Set<String> kept =
        new java.util.HashSet<>(
            Set.of(Topics.INCIDENTS.name(), Topics.SUPPRESSED.name(), Topics.DLQ.name()));
    if (evidenceSink != null) {
      kept.add(Topics.EVIDENCE.name());
    }
    if (graphSink != null) {
      kept.add(Topics.GRAPH.name());
    }
    captured.discardAllBut(kept);
    return incidents.readValuesToList();
  }

  /** Raw records the normalising stage could not read and sent to {@code culprit.dlq}. */
  public long deadLettered() {
    return deadLettered;
  }

  /** Counts what the normalising stage could not read; warns with the first reason. */
  private void countDeadLetters() {
    if (!driver.producedTopicNames().contains(Topics.DLQ.name())) {
      return;
    }
    for (TestRecord<byte[], byte[]> r : deadLetters.readRecordsToList()) {
      if (deadLettered++ == 0) {
        Header reason = r.headers().lastHeader(DeadLetters.REASON);
        LOG.warn(
            "A raw record could not be read and went to {}: {}",
            Topics.DLQ.name(),
            reason == null ? "no reason given" : new String(reason.value(), UTF_8));
      }
    }
  }

  @Override
  public long suppressed() {
    return suppressed;
  }

  @Override
  public List<Incident> finish() {
    List<Incident> last = drainIncidents();
    if (deadLettered > 0) {
      LOG.warn("{} raw records could not be read and went to {}", deadLettered, Topics.DLQ.name());
    }
    return last;
  }

  @Override
  public void close() {
    driver.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover temp dir is harmless
    }
  }
}
