package dev.culprit.correlation.scope;

import dev.culprit.model.GraphEdge;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the edges of the global graph store, one entry at a time. */
public final class GraphEdges {
  private static final Logger LOG = LoggerFactory.getLogger(GraphEdges.class);

  private GraphEdges() {}

  /**
   * Every edge in {@code store}. An entry that cannot be read (the store's deserializer throws
   * after the iterator moved past it) is logged and left out, so one bad entry never stops a tick.
   */
  public static List<GraphEdge> all(KeyValueStore<String, GraphEdge> store) {
    List<GraphEdge> edges = new ArrayList<>();
    try (KeyValueIterator<String, GraphEdge> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, GraphEdge> kv;
        try {
          kv = it.next();
        } catch (RuntimeException e) {
          LOG.warn("Left an unreadable entry of the graph store out", e);
          continue;
        }
        if (kv.value != null) {
          edges.add(kv.value);
        }
      }
    }
    return edges;
  }
}
