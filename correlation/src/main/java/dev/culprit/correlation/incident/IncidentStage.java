package dev.culprit.correlation.incident;

import dev.culprit.correlation.ScopedEvent;
import dev.culprit.correlation.rank.RootCauseRanker;
import dev.culprit.correlation.suppress.FeatureHistory;
import dev.culprit.correlation.suppress.ModelSource;
import dev.culprit.correlation.suppress.NoiseModel;
import dev.culprit.correlation.suppress.SuppressionConfig;
import dev.culprit.correlation.suppress.SuppressionPolicy;
import dev.culprit.correlation.suppress.SuppressionProcessor;
import dev.culprit.model.Evidence;
import dev.culprit.model.JsonSerde;
import dev.culprit.model.Topics;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Groups evidence into incidents and ranks their root causes.
 *
 * <ul>
 *   <li>Input: evidence and ticks from the evidence stage, and {@code culprit.triggers}; all are
 *       re-keyed by scope and repartitioned ({@code incidents-by-scope-v1}).
 *   <li>Evidence is kept for {@code retention} (store {@code incidents-evidence-v1}); per scope,
 *       the open incident and pending triggers live in {@code incidents-scope-v1}.
 *   <li>An incident opens when some entity's evidence exceeds its usual level by {@code openLevel},
 *       is re-ranked as event time passes, and resolves after {@code quietPeriod} without such
 *       evidence.
 *   <li>The entity graph is read from {@code culprit.graph.checked} into a global store ({@code
 *       graph-global-v1}, {@link GraphStoreProcessor}).
 *   <li>Output: {@code culprit.incidents} (key: incident id), one record per version.
 * </ul>
 */
public final class IncidentStage {
  static final String EVIDENCE_STORE = "incidents-evidence-v1";
  static final String SCOPE_STORE = "incidents-scope-v1";
  static final String GRAPH_STORE = "graph-global-v1";
  static final String ALERT_HISTORY_STORE = "incidents-alert-history-v1";
  static final String METRIC_HISTORY_STORE = "incidents-metric-history-v1";
  static final String SUPPRESSION_HISTORY_STORE = "suppression-history-v1";

  private final IncidentConfig config;
  private final String scope;
  private final Supplier<RootCauseRanker> ranker;
  private final java.time.Duration edgeExpiry;
  private final SuppressionConfig suppression;
  private final Supplier<NoiseModel> model;

  /**
   * @param suppression what may be held back from opening incidents
   * @param model the noise model in use at each moment (may supply null)
   */
  public IncidentStage(
      IncidentConfig config,
      String scope,
      Supplier<RootCauseRanker> ranker,
      java.time.Duration edgeExpiry,
      SuppressionConfig suppression,
      Supplier<NoiseModel> model) {
    this.config = config;
    this.scope = scope;
    this.ranker = ranker;
    this.edgeExpiry = edgeExpiry;
    this.suppression = suppression;
    this.model = model;
  }

  public IncidentStage(IncidentConfig config, String scope, Supplier<RootCauseRanker> ranker) {
    this(
        config,
        scope,
        ranker,
        java.time.Duration.ofHours(24),
        SuppressionConfig.defaults(),
        ModelSource.none());
  }

  public void addTo(StreamsBuilder builder, KStream<String, ScopedEvent> events) {
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(GRAPH_STORE),
                Serdes.String(),
                Topics.GRAPH_CHECKED.valueSerde())
            .withLoggingDisabled(),
        Topics.GRAPH_CHECKED.name(),
        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("incidents-graph-source"),
        GraphStoreProcessor::new);
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(EVIDENCE_STORE),
            Serdes.String(),
            Topics.EVIDENCE.valueSerde()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(SCOPE_STORE),
            Serdes.String(),
            JsonSerde.of(ScopeState.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ALERT_HISTORY_STORE),
            Serdes.String(),
            JsonSerde.of(AlertMinutes.Minutes.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(METRIC_HISTORY_STORE),
            Serdes.String(),
            JsonSerde.of(MetricRecurrence.Minutes.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(SUPPRESSION_HISTORY_STORE),
            Serdes.String(),
            JsonSerde.of(FeatureHistory.Entry.class)));
    KStream<String, ScopedEvent> triggers =
        builder.stream(
                Topics.TRIGGERS.name(),
                Consumed.with(Topics.TRIGGERS.keySerde(), Topics.TRIGGERS.valueSerde())
                    .withName("incidents-triggers-source"))
            .filter((k, t) -> t != null, Named.as("incidents-triggers-present"))
            .mapValues(
                t -> (ScopedEvent) new ScopedEvent.TriggerEvent(t),
                Named.as("incidents-wrap-triggers"));
    KStream<String, ScopedEvent> decided =
        events
            .merge(triggers, Named.as("incidents-merge-triggers"))
            .selectKey((k, e) -> scopeOf(e), Named.as("incidents-key-by-scope"))
            .repartition(
                Repartitioned.<String, ScopedEvent>as("incidents-by-scope-v1")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(ScopedEvent.serde()))
            .process(
                () ->
                    new SuppressionProcessor(
                        new SuppressionPolicy(suppression),
                        model,
                        SUPPRESSION_HISTORY_STORE,
                        GRAPH_STORE),
                Named.as("suppression-process"),
                SUPPRESSION_HISTORY_STORE);
    decided
        .filter(
            (k, e) -> e instanceof ScopedEvent.EvidenceEvent ev && ev.evidence().suppressed(),
            Named.as("suppression-suppressed-only"))
        .map(
            (k, e) -> {
              Evidence ev = ((ScopedEvent.EvidenceEvent) e).evidence();
              return KeyValue.pair(ev.entity().key(), ev);
            },
            Named.as("suppression-unwrap"))
        .to(
            Topics.SUPPRESSED.name(),
            Produced.with(Topics.SUPPRESSED.keySerde(), Topics.SUPPRESSED.valueSerde())
                .withName("suppression-sink"));
    decided
        .process(
            () -> new IncidentProcessor(config, ranker.get(), edgeExpiry),
            Named.as("incidents-process"),
            EVIDENCE_STORE,
            SCOPE_STORE,
            ALERT_HISTORY_STORE,
            METRIC_HISTORY_STORE)
        .to(
            Topics.INCIDENTS.name(),
            Produced.with(Topics.INCIDENTS.keySerde(), Topics.INCIDENTS.valueSerde())
                .withName("incidents-sink"));
  }

  private String scopeOf(ScopedEvent e) {
    if (e instanceof ScopedEvent.TriggerEvent t) {
      return t.trigger().scope();
    }
    return scope;
  }
}
