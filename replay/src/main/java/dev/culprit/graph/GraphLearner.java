package dev.culprit.graph;

import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import dev.culprit.replay.CapturedRecords;
import dev.culprit.topology.EntityGraph;
import dev.culprit.topology.stage.GraphStage;
import dev.culprit.topology.stage.GraphStageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Learns the entity graph of a dataset by running the {@link GraphStage} over its signals
 * in-process, and merges the dataset's declared topology.
 */
public final class GraphLearner {
  private GraphLearner() {}

  /** The graph learned from every signal of {@code dataset}, plus what it declares. */
  public static EntityGraph learn(Dataset dataset) throws IOException {
    StreamsBuilder builder = new StreamsBuilder();
    new GraphStage(GraphStageConfig.defaults()).addTo(builder);
    Path state = Files.createTempDirectory("culprit-graph-state");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "culprit-graph");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process:0");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    List<GraphEdge> edges = new ArrayList<>(dataset.declaredGraph());
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), p);
        SignalSource source = dataset.open()) {
      var spans = input(driver, Topics.SPANS);
      var metrics = input(driver, Topics.METRICS);
      var logs = input(driver, Topics.LOGS);
      CapturedRecords captured = new CapturedRecords(driver);
      long n = 0;
      while (source.hasNext()) {
        Signal s = source.next();
        Instant at = Instant.ofEpochMilli(s.time());
        switch (s) {
          case Span span -> spans.pipeInput(s.entity().key(), span, at);
          case MetricSample m -> metrics.pipeInput(s.entity().key(), m, at);
          case LogEvent l -> logs.pipeInput(s.entity().key(), l, at);
          default -> {}
        }
        if (++n % 50_000 == 0) {
          captured.discardAllBut(Set.of());
        }
      }
      edges.addAll(storeValues(driver.getKeyValueStore(GraphStage.EDGES_STORE)));
      edges.addAll(storeValues(driver.getKeyValueStore(GraphStage.BATCH_STORE)));
    } finally {
      dev.culprit.io.Directories.deleteRecursively(state);
    }
    return EntityGraph.of(edges);
  }

  private static <V> TestInputTopic<String, V> input(TopologyTestDriver d, Topic<String, V> t) {
    return d.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
  }

  private static List<GraphEdge> storeValues(KeyValueStore<String, GraphEdge> store) {
    List<GraphEdge> out = new ArrayList<>();
    try (KeyValueIterator<String, GraphEdge> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, GraphEdge> kv = it.next();
        out.add(kv.value);
      }
    }
    return out;
  }
}
