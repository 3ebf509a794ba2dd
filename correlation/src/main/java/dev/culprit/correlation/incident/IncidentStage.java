package dev.culprit.correlation.incident;

import dev.culprit.correlation.rank.RootCauseRanker;
import dev.culprit.correlation.scope.ScopeStage;
import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.JsonSerde;
import dev.culprit.model.Topics;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Groups evidence into incidents and ranks their root causes.
 *
 * <ul>
 *   <li>Input: the scope-keyed evidence, ticks and triggers that the suppression stage decided on
 *       (suppressed evidence never opens an incident, but counts inside one).
 *   <li>Evidence is kept for {@code retention} (store {@code incidents-evidence-v1}); per scope,
 *       the open incidents and pending triggers live in {@code incidents-scope-v2}, and the alert
 *       and metric histories in {@code incidents-alert-history-v1} and {@code
 *       incidents-metric-history-v1}.
 *   <li>An incident opens when some entity's evidence exceeds its usual level by {@code openLevel},
 *       is re-ranked as event time passes, and resolves after {@code quietPeriod} without such
 *       evidence.
 *   <li>The entity graph is read from the global store {@link ScopeStage#GRAPH_STORE}.
 *   <li>Output: {@code culprit.incidents} (key: incident id), one record per version.
 * </ul>
 */
public final class IncidentStage {
  static final String EVIDENCE_STORE = "incidents-evidence-v1";
  static final String SCOPE_STORE = "incidents-scope-v2";
  static final String GRAPH_STORE = ScopeStage.GRAPH_STORE;
  static final String ALERT_HISTORY_STORE = "incidents-alert-history-v1";
  static final String METRIC_HISTORY_STORE = "incidents-metric-history-v1";

  private final IncidentConfig config;
  private final Supplier<RootCauseRanker> ranker;
  private final Duration edgeExpiry;

  /**
   * @param edgeExpiry how long a graph edge counts without being seen again
   */
  public IncidentStage(
      IncidentConfig config, Supplier<RootCauseRanker> ranker, Duration edgeExpiry) {
    this.config = config;
    this.ranker = ranker;
    this.edgeExpiry = edgeExpiry;
  }

  public IncidentStage(IncidentConfig config, Supplier<RootCauseRanker> ranker) {
    this(config, ranker, Duration.ofHours(24));
  }

  /** Adds the stage, reading {@code decided}, key: scope. */
  public void addTo(StreamsBuilder builder, KStream<String, ScopedEvent> decided) {
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
}
