package dev.culprit.web;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.model.Subgraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the page scripts draw, shaped in Java so that the scripts only map it onto chart options: an
 * incident's subgraph with its candidates and anomaly strengths, and its evidence timeline.
 */
public final class ChartData {
  /** The causes an incident page shows and highlights. */
  static final int CAUSES = 3;

  private ChartData() {}

  /**
   * A graph to draw.
   *
   * @param nodes entities
   * @param links edges
   * @param maxScore the strongest anomaly among the nodes (0 when none), the top of the colour
   *     scale
   */
  public record Graph(List<Node> nodes, List<Link> links, double maxScore) {}

  /**
   * An entity to draw.
   *
   * @param id its key
   * @param name its name
   * @param kind its kind label
   * @param rank its rank among the incident's first causes, 0 when it is none of them
   * @param affected whether the incident has evidence on it
   * @param center whether it is the entity a graph page is centred on
   * @param score its strongest anomaly score, 0 when none
   */
  public record Node(
      String id,
      String name,
      String kind,
      int rank,
      boolean affected,
      boolean center,
      double score) {}

  /** An edge to draw, by kind ({@code calls}, {@code instance_of}, ...). */
  public record Link(String source, String target, String kind, boolean declared) {}

  /**
   * An evidence timeline: one row per signal family.
   *
   * @param families the families present, in {@link SignalType} order
   * @param points one per evidence item, at its onset
   * @param onsets one per cause: the earliest onset of its evidence
   */
  public record Timeline(List<String> families, List<Point> points, List<Onset> onsets) {}

  /** An evidence item at its onset. */
  public record Point(
      String family, long time, String entity, String feature, double score, boolean suppressed) {}

  /** When a cause's evidence began. */
  public record Onset(int rank, String entity, long time) {}

  /** The subgraph of {@code i}, its first {@value #CAUSES} causes ranked, anomalies scored. */
  public static Graph graph(Incident i) {
    Map<String, Integer> ranks = new HashMap<>();
    List<RootCause> causes = i.rootCauses().stream().limit(CAUSES).toList();
    for (int r = 0; r < causes.size(); r++) {
      ranks.putIfAbsent(causes.get(r).ref().key(), r + 1);
    }
    Set<String> affected = new LinkedHashSet<>();
    i.affected().forEach(e -> affected.add(e.key()));
    return graph(
        i.subgraph(),
        causes.stream().map(RootCause::ref).toList(),
        ranks,
        affected,
        null,
        scores(evidence(i).toList()));
  }

  /** A neighbourhood around {@code center}, anomalies scored from {@code evidence}. */
  public static Graph neighbourhood(Subgraph g, EntityRef center, Collection<Evidence> evidence) {
    return graph(g, List.of(center), Map.of(), Set.of(), center.key(), scores(evidence));
  }

  private static Graph graph(
      Subgraph g,
      List<EntityRef> required,
      Map<String, Integer> ranks,
      Set<String> affected,
      String center,
      Map<String, Double> scores) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (Subgraph.Node n : g.nodes()) {
      nodes.put(n.id(), node(n.id(), n.name(), n.kind(), ranks, affected, center, scores));
    }
    for (EntityRef r : required) {
      nodes.putIfAbsent(
          r.key(), node(r.key(), r.name(), r.kind().label(), ranks, affected, center, scores));
    }
    List<Link> links = new ArrayList<>();
    for (Subgraph.Edge e : g.edges()) {
      if (nodes.containsKey(e.source()) && nodes.containsKey(e.target())) {
        links.add(new Link(e.source(), e.target(), e.kind(), e.declared()));
      }
    }
    double max = nodes.values().stream().mapToDouble(Node::score).max().orElse(0);
    return new Graph(List.copyOf(nodes.values()), links, max);
  }

  private static Node node(
      String id,
      String name,
      String kind,
      Map<String, Integer> ranks,
      Set<String> affected,
      String center,
      Map<String, Double> scores) {
    return new Node(
        id,
        name,
        kind,
        ranks.getOrDefault(id, 0),
        affected.contains(id),
        id.equals(center),
        scores.getOrDefault(id, 0.0));
  }

  /** The strongest unsuppressed evidence score per entity key. */
  static Map<String, Double> scores(Collection<Evidence> evidence) {
    Map<String, Double> out = new HashMap<>();
    for (Evidence e : evidence) {
      if (!e.suppressed()) {
        out.merge(e.entity().key(), e.score(), Math::max);
      }
    }
    return out;
  }

  /** The timeline of {@code i}: its evidence and its first causes' evidence, by family. */
  public static Timeline timeline(Incident i) {
    List<Evidence> all = evidence(i).toList();
    Set<String> families = new LinkedHashSet<>();
    for (SignalType t : SignalType.values()) {
      if (all.stream().anyMatch(e -> e.signal() == t)) {
        families.add(t.label());
      }
    }
    List<Point> points =
        all.stream()
            .map(
                e ->
                    new Point(
                        e.signal().label(),
                        e.onset(),
                        e.entity().key(),
                        e.feature(),
                        e.score(),
                        e.suppressed()))
            .toList();
    List<Onset> onsets = new ArrayList<>();
    List<RootCause> causes = i.rootCauses().stream().limit(CAUSES).toList();
    for (int r = 0; r < causes.size(); r++) {
      RootCause c = causes.get(r);
      long onset = c.evidence().stream().mapToLong(Evidence::onset).min().orElse(i.openedAt());
      onsets.add(new Onset(r + 1, c.ref().key(), onset));
    }
    return new Timeline(List.copyOf(families), points, onsets);
  }

  /** The incident's evidence and its causes', each item once. */
  static Stream<Evidence> evidence(Incident i) {
    return Stream.concat(
            i.evidence().stream(), i.rootCauses().stream().flatMap(c -> c.evidence().stream()))
        .distinct();
  }
}
