package dev.culprit.correlation.scope;

import dev.culprit.model.GraphEdge;
import dev.culprit.model.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global graph store ({@code graph-global-v1}) from the raw bytes of {@code
 * culprit.graph.checked}: an edge is put under its key, a tombstone deletes it. A record that does
 * not read as an edge is logged and skipped, never thrown: Kafka Streams cannot dead-letter from
 * the global thread, and only Culprit writes this topic, with what it checked on {@code
 * culprit.graph} (where bad records are dead-lettered). So the store holds nothing but edges, and
 * reading it back cannot fail.
 */
final class GraphStoreProcessor extends ContextualProcessor<byte[], byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(GraphStoreProcessor.class);
  private KeyValueStore<String, GraphEdge> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    super.init(context);
    store = context.getStateStore(ScopeStage.GRAPH_STORE);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.key() == null) {
      LOG.warn("Skipped a record of {} without a key", Topics.GRAPH_CHECKED.name());
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      store.delete(key);
      return;
    }
    try {
      GraphEdge edge =
          Topics.GRAPH_CHECKED
              .valueSerde()
              .deserializer()
              .deserialize(Topics.GRAPH_CHECKED.name(), record.value());
      store.put(key, edge);
    } catch (RuntimeException e) {
      LOG.warn("Skipped an unreadable record of {} (key {})", Topics.GRAPH_CHECKED.name(), key, e);
    }
  }
}
