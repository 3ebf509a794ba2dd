package dev.culprit.correlation.suppress;

import dev.culprit.correlation.scope.ScopeStage;
import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.Evidence;
import dev.culprit.model.JsonSerde;
import dev.culprit.model.Topics;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Decides, in front of the incident stage, what is held back from opening incidents.
 *
 * <ul>
 *   <li>Input: the scope-keyed {@link ScopedEvent}s of the {@link ScopeStage}.
 *   <li>Each alert and anomaly is put in its history per scope (store {@code
 *       suppression-history-v1}, swept hourly in event time) with its entity's degree in the global
 *       graph store ({@link ScopeStage#GRAPH_STORE}); {@link SuppressionPolicy} then attaches a
 *       suppression (duplicate, flapping, or a noise cluster of the model in use) or none.
 *   <li>Output: suppressed evidence to {@code culprit.suppressed} (key: entity), with its reason;
 *       and the returned stream, key: scope, where every event passes on (suppressed evidence
 *       marked as such, ticks and triggers unchanged) for the incident stage.
 * </ul>
 */
public final class SuppressionStage {
  static final String HISTORY_STORE = "suppression-history-v1";

  private final SuppressionConfig config;
  private final Supplier<NoiseModel> model;

  /**
   * @param config what may be held back from opening incidents
   * @param model the noise model in use at each moment (may supply null)
   */
  public SuppressionStage(SuppressionConfig config, Supplier<NoiseModel> model) {
    this.config = config;
    this.model = model;
  }

  /** Adds the stage and returns the decided events, key: scope. */
  public KStream<String, ScopedEvent> addTo(
      StreamsBuilder builder, KStream<String, ScopedEvent> byScope) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(HISTORY_STORE),
            Serdes.String(),
            JsonSerde.of(FeatureHistory.Entry.class)));
    KStream<String, ScopedEvent> decided =
        byScope.process(
            () ->
                new SuppressionProcessor(
                    new SuppressionPolicy(config), model, HISTORY_STORE, ScopeStage.GRAPH_STORE),
            Named.as("suppression-process"),
            HISTORY_STORE);
    decided
        .filter((k, e) -> isSuppressed(e), Named.as("suppression-suppressed-only"))
        .map((k, e) -> byEntity(e), Named.as("suppression-unwrap"))
        .to(
            Topics.SUPPRESSED.name(),
            Produced.with(Topics.SUPPRESSED.keySerde(), Topics.SUPPRESSED.valueSerde())
                .withName("suppression-sink"));
    return decided;
  }

  static boolean isSuppressed(ScopedEvent e) {
    return e instanceof ScopedEvent.EvidenceEvent ev && ev.evidence().suppressed();
  }

  static KeyValue<String, Evidence> byEntity(ScopedEvent e) {
    Evidence ev = ((ScopedEvent.EvidenceEvent) e).evidence();
    return KeyValue.pair(ev.entity().key(), ev);
  }
}
