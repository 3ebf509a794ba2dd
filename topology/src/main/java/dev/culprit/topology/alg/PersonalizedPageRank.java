package dev.culprit.topology.alg;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.VertexScoringAlgorithm;

/**
 * Personalized PageRank (random walk with restart). At each step the walker follows an outgoing
 * edge with probability {@code damping}, chosen in proportion to the edge weight, or restarts at a
 * vertex drawn from the personalization vector. Dangling vertices restart. JGraphT's own PageRank
 * has no personalization vector, hence this class.
 *
 * @param <V> vertex type
 * @param <E> edge type
 */
public final class PersonalizedPageRank<V, E> implements VertexScoringAlgorithm<V, Double> {
  private final Map<V, Double> scores;

  /**
   * Computes the scores.
   *
   * @param graph the graph (directed; for undirected graphs every edge is walked both ways)
   * @param personalization restart weights per vertex (non-negative, not all zero); vertices absent
   *     get zero
   * @param edgeWeight weight of an edge (non-negative)
   * @param damping probability of following an edge, in [0, 1)
   * @param maxIterations iteration cap, positive
   * @param tolerance L1 change under which iteration stops, positive
   */
  public PersonalizedPageRank(
      Graph<V, E> graph,
      Map<V, Double> personalization,
      ToDoubleFunction<E> edgeWeight,
      double damping,
      int maxIterations,
      double tolerance) {
    if (damping < 0 || damping >= 1) {
      throw new IllegalArgumentException("Invalid damping: " + damping);
    }
    if (maxIterations <= 0) {
      throw new IllegalArgumentException("Invalid maxIterations: " + maxIterations);
    }
    if (tolerance <= 0) {
      throw new IllegalArgumentException("Invalid tolerance: " + tolerance);
    }
    this.scores =
        Collections.unmodifiableMap(
            new Walk<>(graph, personalization, edgeWeight, damping).run(maxIterations, tolerance));
  }

  /** Uniform edge weights, damping 0.85. */
  public PersonalizedPageRank(Graph<V, E> graph, Map<V, Double> personalization) {
    this(graph, personalization, e -> 1.0, 0.85, 100, 1e-9);
  }

  @Override
  public Map<V, Double> getScores() {
    return scores;
  }

  @Override
  public Double getVertexScore(V v) {
    Double s = scores.get(v);
    if (s == null) {
      throw new IllegalArgumentException("Invalid vertex: " + v);
    }
    return s;
  }

  /** The iteration, over dense arrays. */
  private static final class Walk<V, E> {
    private final List<V> vertices;
    private final double[] restart;
    private final int[][] targets;
    private final double[][] probabilities;
    private final double damping;

    Walk(Graph<V, E> g, Map<V, Double> personalization, ToDoubleFunction<E> w, double damping) {
      this.vertices = List.copyOf(g.vertexSet());
      this.damping = damping;
      Map<V, Integer> index = new HashMap<>();
      for (int i = 0; i < vertices.size(); i++) {
        index.put(vertices.get(i), i);
      }
      this.restart = restartVector(personalization, index);
      this.targets = new int[vertices.size()][];
      this.probabilities = new double[vertices.size()][];
      for (int i = 0; i < vertices.size(); i++) {
        outgoing(g, vertices.get(i), index, w, i);
      }
    }

    private double[] restartVector(Map<V, Double> personalization, Map<V, Integer> index) {
      double[] r = new double[vertices.size()];
      double sum = 0;
      for (Map.Entry<V, Double> p : personalization.entrySet()) {
        double value = p.getValue() == null ? 0 : p.getValue();
        if (value < 0 || Double.isNaN(value)) {
          throw new IllegalArgumentException("Invalid personalization weight: " + value);
        }
        Integer i = index.get(p.getKey());
        if (i != null) {
          r[i] += value;
          sum += value;
        }
      }
      if (sum <= 0) {
        throw new IllegalArgumentException("Invalid personalization: no positive weight on graph");
      }
      for (int i = 0; i < r.length; i++) {
        r[i] /= sum;
      }
      return r;
    }

    private void outgoing(Graph<V, E> g, V v, Map<V, Integer> index, ToDoubleFunction<E> w, int i) {
      var edges = g.outgoingEdgesOf(v);
      int[] t = new int[edges.size()];
      double[] p = new double[edges.size()];
      double total = 0;
      int k = 0;
      for (E e : edges) {
        double weight = w.applyAsDouble(e);
        if (weight < 0 || Double.isNaN(weight)) {
          throw new IllegalArgumentException("Invalid edge weight: " + weight);
        }
        V other = g.getEdgeTarget(e).equals(v) ? g.getEdgeSource(e) : g.getEdgeTarget(e);
        t[k] = index.get(other);
        p[k++] = weight;
        total += weight;
      }
      for (int j = 0; j < k; j++) {
        p[j] = total > 0 ? p[j] / total : 0;
      }
      targets[i] = t;
      probabilities[i] = total > 0 ? p : new double[0];
    }

    Map<V, Double> run(int maxIterations, double tolerance) {
      int n = vertices.size();
      double[] x = restart.clone();
      for (int it = 0; it < maxIterations; it++) {
        double[] next = step(x);
        double delta = 0;
        for (int i = 0; i < n; i++) {
          delta += Math.abs(next[i] - x[i]);
        }
        x = next;
        if (delta < tolerance) {
          break;
        }
      }
      Map<V, Double> out = new HashMap<>();
      for (int i = 0; i < n; i++) {
        out.put(vertices.get(i), x[i]);
      }
      return out;
    }

    private double[] step(double[] x) {
      int n = x.length;
      double[] next = new double[n];
      double restartMass = 0;
      for (int i = 0; i < n; i++) {
        if (probabilities[i].length == 0) {
          restartMass += x[i];
          continue;
        }
        restartMass += (1 - damping) * x[i];
        for (int j = 0; j < targets[i].length; j++) {
          next[targets[i][j]] += damping * x[i] * probabilities[i][j];
        }
      }
      for (int i = 0; i < n; i++) {
        next[i] += restartMass * restart[i];
      }
      return next;
    }
  }
}
