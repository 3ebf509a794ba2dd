package dev.culprit.correlation.rank;

import dev.culprit.model.Evidence;
import dev.culprit.topology.EntityGraph;
import java.util.List;
import java.util.Objects;

/**
 * What a ranker sees of one incident.
 *
 * @param evidence the incident's evidence
 * @param background evidence from the time before the incident, to tell what is usual
 * @param backgroundFrom start of the background period (epoch millis); it ends at {@code from}
 * @param graph a snapshot of the entity graph
 * @param from start of the incident's time range (epoch millis)
 * @param to end of the incident's time range (epoch millis)
 * @param alertHistory how often each alert fired before {@code from}
 */
public record RankingInput(
    List<Evidence> evidence,
    List<Evidence> background,
    long backgroundFrom,
    EntityGraph graph,
    long from,
    long to,
    AlertHistory alertHistory) {
  public RankingInput {
    evidence = List.copyOf(evidence);
    background = List.copyOf(background);
    Objects.requireNonNull(graph, "graph");
    alertHistory = alertHistory == null ? AlertHistory.none() : alertHistory;
  }

  /** An input without alert history. */
  public RankingInput(
      List<Evidence> evidence,
      List<Evidence> background,
      long backgroundFrom,
      EntityGraph graph,
      long from,
      long to) {
    this(evidence, background, backgroundFrom, graph, from, to, AlertHistory.none());
  }
}
