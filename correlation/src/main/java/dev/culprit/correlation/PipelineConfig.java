package dev.culprit.correlation;

import dev.culprit.correlation.evidence.EvidenceConfig;
import dev.culprit.correlation.incident.IncidentConfig;
import dev.culprit.correlation.suppress.SuppressionConfig;
import dev.culprit.model.Scopes;
import dev.culprit.topology.stage.GraphStageConfig;
import java.util.Objects;

/**
 * Settings of the Culprit pipeline. Every duration is event time.
 *
 * @param evidence per-entity windows and anomaly scoring
 * @param incidents incident grouping and triggers
 * @param graph graph learning
 * @param scope the incident scope signals are grouped in
 * @param ranker the root-cause ranker, by name (see {@link Rankers})
 * @param suppression what may be held back from opening incidents, and the noise model
 */
public record PipelineConfig(
    EvidenceConfig evidence,
    IncidentConfig incidents,
    GraphStageConfig graph,
    String scope,
    String ranker,
    SuppressionConfig suppression) {

  public PipelineConfig {
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(incidents, "incidents");
    Objects.requireNonNull(graph, "graph");
    scope = scope == null ? Scopes.DEFAULT : scope;
    ranker = ranker == null ? Rankers.DEFAULT : ranker;
    Rankers.supplier(ranker);
    suppression = suppression == null ? SuppressionConfig.defaults() : suppression;
  }

  public PipelineConfig(
      EvidenceConfig evidence,
      IncidentConfig incidents,
      GraphStageConfig graph,
      String scope,
      String ranker) {
    this(evidence, incidents, graph, scope, ranker, SuppressionConfig.defaults());
  }

  /** The defaults: one-minute windows, ten seconds of grace, the default scope and ranker. */
  public static PipelineConfig defaults() {
    return new PipelineConfig(
        EvidenceConfig.defaults(),
        IncidentConfig.defaults(),
        GraphStageConfig.defaults(),
        Scopes.DEFAULT,
        Rankers.DEFAULT);
  }

  public PipelineConfig withEvidence(EvidenceConfig e) {
    return new PipelineConfig(e, incidents, graph, scope, ranker, suppression);
  }

  public PipelineConfig withRanker(String name) {
    return new PipelineConfig(evidence, incidents, graph, scope, name, suppression);
  }

  public PipelineConfig withIncidents(IncidentConfig i) {
    return new PipelineConfig(evidence, i, graph, scope, ranker, suppression);
  }

  public PipelineConfig withSuppression(SuppressionConfig s) {
    return new PipelineConfig(evidence, incidents, graph, scope, ranker, s);
  }
}
