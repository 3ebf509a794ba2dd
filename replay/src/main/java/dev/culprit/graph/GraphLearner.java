package dev.culprit.graph;

import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.model.Alert;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Signal;
import dev.culprit.replay.DirectDriver;
import dev.culprit.topology.EntityGraph;
import dev.culprit.topology.stage.GraphStage;
import dev.culprit.topology.stage.GraphStageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Learns the entity graph of a dataset by running the {@link GraphStage} over its signals
 * in-process, and merges the dataset's declared topology.
 */
public final class GraphLearner {
  private GraphLearner() {}

  /**
   * The graph learned from every signal of {@code dataset}, plus what it declares. The stage runs
   * on {@link DirectDriver}, the replay's own loop over the topology's task (the test driver it
   * stands in for compiled a regex and committed for every record).
   */
  public static EntityGraph learn(Dataset dataset) throws IOException {
    StreamsBuilder builder = new StreamsBuilder();
    new GraphStage(GraphStageConfig.defaults()).addTo(builder);
    List<GraphEdge> edges = new ArrayList<>(dataset.declaredGraph());
    try (DirectDriver driver = new DirectDriver(builder.build());
        SignalSource source = dataset.open()) {
      while (source.hasNext()) {
        Signal s = source.next();
        // the graph is learned from spans, and from the resource attributes of metrics and logs
        if (!(s instanceof Alert)) {
          driver.send(s);
        }
      }
      driver.finish();
      edges.addAll(storeValues(driver.store(GraphStage.EDGES_STORE)));
      edges.addAll(storeValues(driver.store(GraphStage.BATCH_STORE)));
    }
    return EntityGraph.of(edges);
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
