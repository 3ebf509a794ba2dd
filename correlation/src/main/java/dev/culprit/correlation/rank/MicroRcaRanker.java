package dev.culprit.correlation.rank;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.RootCause;
import dev.culprit.topology.EntityGraph;
import dev.culprit.topology.alg.PersonalizedPageRank;
import dev.culprit.topology.alg.Subgraphs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * Baseline: personalized PageRank on the anomalous subgraph, as in MicroRCA (Wu et al., NOMS 2020).
 *
 * <ol>
 *   <li>Anomalous candidates: those the incident's evidence names (services, or instances and nodes
 *       where no service is known); each one's anomaly is its strongest evidence, {@code log(1 +
 *       score)}.
 *   <li>The anomalous subgraph: the evidence entities and their one-hop neighbours ({@link
 *       Subgraphs#incident}), lifted to candidate level (an instance becomes its service, so a
 *       pod's host becomes its service's host, as in MicroRCA's service–host graph).
 *   <li>Anomalies propagate from a callee to its callers and from a host to what it hosts; the walk
 *       goes the other way, from caller to callee and from service to host, which is the direction
 *       the graph stores its edges in. An edge weighs what the entity it leads to is anomalous, so
 *       the walker moves toward anomalous dependencies.
 *   <li>The walk restarts at candidates in proportion to their anomaly (damping 0.85, as in the
 *       paper); candidates rank by their personalized PageRank score.
 * </ol>
 *
 * <p>MicroRCA correlates response-time and resource series for its weights; Culprit's evidence
 * already scores each entity's departure from its own history, so anomaly scores stand in for the
 * correlations. Nothing is tuned to a dataset.
 */
public final class MicroRcaRanker implements RootCauseRanker {
  public static final String NAME = "microrca";
  static final double DAMPING = 0.85;
  static final int HOPS = 1;
  private final int limit;

  public MicroRcaRanker(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("Invalid limit: " + limit);
    }
    this.limit = limit;
  }

  public MicroRcaRanker() {
    this(10);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<RootCause> rank(RankingInput input) {
    EntityGraph graph = input.graph();
    Map<EntityRef, List<Evidence>> groups = BaselineCandidates.group(input.evidence(), graph);
    Map<EntityRef, Double> anomaly = new TreeMap<>();
    groups.forEach((c, ev) -> anomaly.put(c, anomaly(ev)));
    anomaly.values().removeIf(a -> a <= 0);
    if (anomaly.isEmpty()) {
      return List.of();
    }
    Graph<EntityRef, DefaultWeightedEdge> walk = walkGraph(input, anomaly);
    Map<EntityRef, Double> score = new HashMap<>();
    new PersonalizedPageRank<>(walk, anomaly, walk::getEdgeWeight, DAMPING, 1000, 1e-12)
        .getScores()
        .forEach((c, s) -> score.put(c, round(s)));
    List<EntityRef> order = new ArrayList<>(score.keySet());
    order.removeIf(c -> score.get(c) <= 0);
    order.sort(
        Comparator.comparingDouble((EntityRef c) -> -score.get(c))
            .thenComparing(Comparator.naturalOrder()));
    List<RootCause> out = new ArrayList<>();
    for (EntityRef c : order.subList(0, Math.min(limit, order.size()))) {
      List<Evidence> ev = groups.getOrDefault(c, List.of());
      double s = score.get(c);
      out.add(
          BaselineCandidates.rootCause(
              c, s, ev, explain(c, s, anomaly.getOrDefault(c, 0.0), ev, walk), graph));
    }
    return List.copyOf(out);
  }

  /** A candidate's anomaly: its strongest evidence, log-scaled. */
  static double anomaly(List<Evidence> evidence) {
    return evidence.stream().mapToDouble(e -> Math.log1p(Math.max(0, e.score()))).max().orElse(0);
  }

  /**
   * The walk graph: the anomalous candidates and the subgraph around their evidence entities,
   * lifted to candidate level, self-loops dropped; each edge weighs the anomaly of its target.
   * Vertices and edges go in sorted, so the walk, and how it breaks ties, does not depend on hash
   * order.
   */
  static Graph<EntityRef, DefaultWeightedEdge> walkGraph(
      RankingInput input, Map<EntityRef, Double> anomaly) {
    EntityGraph graph = input.graph();
    Set<EntityRef> seeds = new HashSet<>(anomaly.keySet());
    for (Evidence e : input.evidence()) {
      seeds.add(e.entity());
    }
    Graph<EntityRef, DefaultWeightedEdge> walk =
        GraphTypeBuilder.<EntityRef, DefaultWeightedEdge>directed()
            .allowingMultipleEdges(false)
            .allowingSelfLoops(false)
            .weighted(true)
            .edgeClass(DefaultWeightedEdge.class)
            .buildGraph();
    anomaly.keySet().forEach(walk::addVertex);
    List<GraphEdge> edges = new ArrayList<>(Subgraphs.incident(graph, seeds, HOPS).edges());
    edges.sort(Comparator.comparing(GraphEdge::key));
    for (GraphEdge e : edges) {
      EntityRef from = BaselineCandidates.levelOf(e.source(), graph);
      EntityRef to = BaselineCandidates.levelOf(e.target(), graph);
      if (from.equals(to) || walk.containsEdge(from, to)) {
        continue;
      }
      walk.addVertex(from);
      walk.addVertex(to);
      walk.setEdgeWeight(walk.addEdge(from, to), anomaly.getOrDefault(to, 0.0));
    }
    return walk;
  }

  private static String explain(
      EntityRef c,
      double score,
      double anomaly,
      List<Evidence> ev,
      Graph<EntityRef, DefaultWeightedEdge> walk) {
    String text =
        String.format(
            Locale.ROOT,
            "%s %s: PageRank %.3f on the anomalous subgraph of %d entities (anomaly %.2f",
            c.kind().label(),
            c.name(),
            score,
            walk.vertexSet().size(),
            anomaly);
    if (ev.isEmpty()) {
      return text + ")";
    }
    Evidence top = ev.stream().max(Comparator.comparingDouble(Evidence::score)).orElseThrow();
    return text + ", strongest: " + top.detail() + ")";
  }

  /** Scores to nine decimals: iteration stops at a tolerance, so equal scores may differ below. */
  private static double round(double v) {
    return Math.round(v * 1e9) / 1e9;
  }
}
