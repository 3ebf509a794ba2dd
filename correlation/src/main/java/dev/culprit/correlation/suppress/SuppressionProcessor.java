package dev.culprit.correlation.suppress;

import dev.culprit.correlation.scope.GraphEdges;
import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Suppression;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Puts each alert and anomaly in its historical context (key: scope) and attaches the suppression
 * decision, if any, before the incident stage sees it. Ticks and triggers pass through unchanged.
 * The entity graph's degrees are read once per tick.
 */
final class SuppressionProcessor
    extends ContextualProcessor<String, ScopedEvent, String, ScopedEvent> {
  private final SuppressionPolicy policy;
  private final Supplier<NoiseModel> model;
  private final String historyStore;
  private final String graphStore;
  private FeatureHistory history;
  private KeyValueStore<String, GraphEdge> graph;
  private Map<String, Integer> degrees = new HashMap<>();
  private boolean degreesRead;
  private long lastSweep = Long.MIN_VALUE / 2;

  /** Old history is swept at most this often (event time). */
  static final long SWEEP_EVERY_MILLIS = 60 * 60_000;

  SuppressionProcessor(
      SuppressionPolicy policy,
      Supplier<NoiseModel> model,
      String historyStore,
      String graphStore) {
    this.policy = policy;
    this.model = model;
    this.historyStore = historyStore;
    this.graphStore = graphStore;
  }

  @Override
  public void init(ProcessorContext<String, ScopedEvent> context) {
    super.init(context);
    // Kafka Streams calls init again on these same processor objects when it revives a task (under
    // exactly-once, after an aborted transaction) and reprocesses from the last commit: what is
    // kept outside the stores starts over with them
    degrees = new HashMap<>();
    degreesRead = false;
    lastSweep = Long.MIN_VALUE / 2;
    KeyValueStore<String, FeatureHistory.Entry> store = context.getStateStore(historyStore);
    history =
        new FeatureHistory(
            new FeatureHistory.Store() {
              @Override
              public FeatureHistory.Entry get(String key) {
                return store.get(key);
              }

              @Override
              public void put(String key, FeatureHistory.Entry value) {
                store.put(key, value);
              }

              @Override
              public void delete(String key) {
                store.delete(key);
              }

              @Override
              public java.util.List<String> keys() {
                java.util.List<String> out = new java.util.ArrayList<>();
                try (var it = store.all()) {
                  it.forEachRemaining(kv -> out.add(kv.key));
                }
                return out;
              }
            });
    graph = context.getStateStore(graphStore);
  }

  @Override
  public void process(Record<String, ScopedEvent> record) {
    ScopedEvent event = record.value();
    if (event instanceof ScopedEvent.Tick t) {
      degreesRead = false;
      if (t.time() - lastSweep >= SWEEP_EVERY_MILLIS) {
        history.sweep(t.time());
        lastSweep = t.time();
      }
    } else if (event instanceof ScopedEvent.EvidenceEvent ev) {
      Evidence e = ev.evidence();
      FeatureHistory.Context c = history.observe(record.key(), e, degree(e.entity()));
      Suppression s = policy.decide(e, c, model.get());
      if (s != null) {
        event = new ScopedEvent.EvidenceEvent(e.withSuppression(s));
      }
    }
    context().forward(record.withValue(event));
  }

  private int degree(EntityRef entity) {
    if (!degreesRead) {
      Map<String, Integer> d = new HashMap<>();
      for (GraphEdge edge : GraphEdges.all(graph)) {
        d.merge(edge.source().key(), 1, Integer::sum);
        d.merge(edge.target().key(), 1, Integer::sum);
      }
      degrees = d;
      degreesRead = true;
    }
    return degrees.getOrDefault(entity.key(), 0);
  }
}
