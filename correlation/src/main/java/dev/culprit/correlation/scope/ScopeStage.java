package dev.culprit.correlation.scope;

import dev.culprit.model.Topics;
import java.time.Duration;
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
 *   <li>Evidence and alert states go to the scope their resource names (the configured scope
 *       label), else to the one last named for their entity, else to the configured scope; a
 *       trigger to its own; a tick to every scope the task has seen lately ({@link
 *       ScopeKeyProcessor}, stores {@link #ENTITY_SCOPES_STORE} and {@link #SEEN_SCOPES_STORE}).
 *       All are repartitioned by scope ({@code incidents-by-scope-v1}; the names keep the {@code
 *       incidents-} prefix of the stage that used to hold them, so existing state and topics stay
 *       valid).
 *   <li>The entity graph is read from {@code culprit.graph.checked} into the global store {@link
 *       #GRAPH_STORE} ({@link GraphStoreProcessor}), which both per-scope stages read.
 *   <li>Output: the returned stream of {@link ScopedEvent}s, key: scope.
 * </ul>
 */
public final class ScopeStage {
  /** The global store of the checked entity graph: edge key to {@code GraphEdge}. */
  public static final String GRAPH_STORE = "graph-global-v1";

  /** Entity key to the scope last named for it. */
  public static final String ENTITY_SCOPES_STORE = "scope-entities-v1";

  /** Scope to the latest event time seen in it, in this task. */
  public static final String SEEN_SCOPES_STORE = "scope-seen-v1";

  private final String scope;
  private final Duration forget;

  /**
   * @param scope the scope of what names none (triggers name their own)
   * @param forget how long a scope with no events still gets ticks
   */
  public ScopeStage(String scope, Duration forget) {
    if (forget.isNegative() || forget.isZero()) {
      throw new IllegalArgumentException("Invalid forget: " + forget);
    }
    this.scope = scope;
    this.forget = forget;
  }

  /** A stage that forgets a quiet scope after a day. */
  public ScopeStage(String scope) {
    this(scope, Duration.ofDays(1));
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
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ENTITY_SCOPES_STORE), Serdes.String(), Serdes.String()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SEEN_SCOPES_STORE), Serdes.String(), Serdes.Long()));
    long forgetMillis = forget.toMillis();
    return events
        .merge(triggers, Named.as("incidents-merge-triggers"))
        .process(
            () -> new ScopeKeyProcessor(scope, forgetMillis),
            Named.as("incidents-key-by-scope"),
            ENTITY_SCOPES_STORE,
            SEEN_SCOPES_STORE)
        .repartition(
            Repartitioned.<String, ScopedEvent>as("incidents-by-scope-v1")
                .withKeySerde(Serdes.String())
                .withValueSerde(ScopedEvent.serde()));
  }
}
