package dev.culprit.correlation.scope;

import dev.culprit.model.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Brings what the per-scope stages ({@code SuppressionStage}, then {@code IncidentStage}) read
 * together, keyed by scope.
 *
 * <ul>
 *   <li>Input: the evidence and ticks of the evidence stage, and {@code culprit.triggers}.
 *   <li>Evidence and ticks go to the configured scope, a trigger to its own; all are repartitioned
 *       by scope ({@code incidents-by-scope-v1}; the names keep the {@code incidents-} prefix of
 *       the stage that used to hold them, so existing state and topics stay valid).
 *   <li>The entity graph is read from {@code culprit.graph.checked} into the global store {@link
 *       #GRAPH_STORE} ({@link GraphStoreProcessor}), which both per-scope stages read.
 *   <li>Output: the returned stream of {@link ScopedEvent}s, key: scope.
 * </ul>
 */
public final class ScopeStage {
  /** The global store of the checked entity graph: edge key to {@code GraphEdge}. */
  public static final String GRAPH_STORE = "graph-global-v1";

  private final String scope;

  /**
   * @param scope the scope of evidence and ticks (triggers name their own)
   */
  public ScopeStage(String scope) {
    this.scope = scope;
  }

  /** Adds the global graph store and returns {@code events} and the triggers keyed by scope. */
  public KStream<String, ScopedEvent> addTo(
      StreamsBuilder builder, KStream<String, ScopedEvent> events) {
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(GRAPH_STORE),
                Serdes.String(),
                Topics.GRAPH_CHECKED.valueSerde())
            .withLoggingDisabled(),
        Topics.GRAPH_CHECKED.name(),
        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("incidents-graph-source"),
        GraphStoreProcessor::new);
    KStream<String, ScopedEvent> triggers =
        builder.stream(
                Topics.TRIGGERS.name(),
                Consumed.with(Topics.TRIGGERS.keySerde(), Topics.TRIGGERS.valueSerde())
                    .withName("incidents-triggers-source"))
            .filter((k, t) -> t != null, Named.as("incidents-triggers-present"))
            .mapValues(
                t -> (ScopedEvent) new ScopedEvent.TriggerEvent(t),
                Named.as("incidents-wrap-triggers"));
    return events
        .merge(triggers, Named.as("incidents-merge-triggers"))
        .selectKey((k, e) -> scopeOf(e), Named.as("incidents-key-by-scope"))
        .repartition(
            Repartitioned.<String, ScopedEvent>as("incidents-by-scope-v1")
                .withKeySerde(Serdes.String())
                .withValueSerde(ScopedEvent.serde()));
  }

  String scopeOf(ScopedEvent e) {
    if (e instanceof ScopedEvent.TriggerEvent t) {
      return t.trigger().scope();
    }
    return scope;
  }
}
