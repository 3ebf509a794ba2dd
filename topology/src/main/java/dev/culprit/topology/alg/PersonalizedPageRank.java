package dev.culprit.topology.alg;

import dev.culprit.topology.Adjacency;
import dev.culprit.topology.EntityGraph;
import java.util.Arrays;
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
    this(Adjacency.of(graph), personalization, edgeWeight, damping, maxIterations, tolerance);
  }

  /**
   * Computes the scores over a prepared adjacency, such as {@link EntityGraph#adjacency()}, which
   * skips copying the graph: the fast path for repeated ranking on one snapshot.
   *
   * @param adjacency the out-adjacency
   * @param personalization restart weights per vertex, as above
   * @param edgeWeight weight of an edge (non-negative)
   * @param damping probability of following an edge, in [0, 1)
   * @param maxIterations iteration cap, positive
   * @param tolerance L1 change under which iteration stops, positive
   */
  public PersonalizedPageRank(
      Adjacency<V, E> adjacency,
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
            new Walk<>(adjacency, personalization, edgeWeight, damping)
                .run(maxIterations, tolerance));
  }

  /** Uniform edge weights, damping 0.85, over a prepared adjacency. */
  public PersonalizedPageRank(Adjacency<V, E> adjacency, Map<V, Double> personalization) {
    this(adjacency, personalization, e -> 1.0, 0.85, 100, 1e-9);
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

  /**
   * The iteration, over a compressed sparse row copy of the graph: one offsets array, one targets
   * array and one probabilities array, with two score buffers reused across iterations.
   */
  private static final class Walk<V, E> {
    private final List<V> vertices;
    private final double[] restart;
    private final int[] offsets;
    private final int[] targets;
    private final double[] probabilities;
    private final boolean[] dangling;
    private final double damping;

    Walk(Adjacency<V, E> a, Map<V, Double> personalization, ToDoubleFunction<E> w, double damping) {
      this.vertices = a.vertices();
      this.damping = damping;
      int n = a.size();
      this.restart = restartVector(personalization, a);
      this.offsets = new int[n + 1];
      this.dangling = new boolean[n];
      this.targets = new int[a.edgeCount()];
      this.probabilities = new double[a.edgeCount()];
      int k = 0;
      for (int i = 0; i < n; i++) {
        double total = 0;
        int first = k;
        for (int j = a.start(i); j < a.end(i); j++) {
          double weight = w.applyAsDouble(a.edge(j));
          if (weight < 0 || Double.isNaN(weight)) {
            throw new IllegalArgumentException("Invalid edge weight: " + weight);
          }
          targets[k] = a.target(j);
          probabilities[k++] = weight;
          total += weight;
        }
        if (total > 0) {
          for (int j = first; j < k; j++) {
            probabilities[j] /= total;
          }
        } else {
          k = first;
          dangling[i] = true;
        }
        offsets[i + 1] = k;
      }
    }

    private double[] restartVector(Map<V, Double> personalization, Adjacency<V, E> a) {
      double[] r = new double[vertices.size()];
      double sum = 0;
      for (Map.Entry<V, Double> p : personalization.entrySet()) {
        double value = p.getValue() == null ? 0 : p.getValue();
        if (value < 0 || Double.isNaN(value)) {
          throw new IllegalArgumentException("Invalid personalization weight: " + value);
        }
        int i = a.indexOf(p.getKey());
        if (i >= 0) {
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

    /**
     * Gauss-Seidel sweeps over the incoming edges: each vertex's new score is used by the vertices
     * after it in the same sweep, which roughly halves the sweeps power iteration needs. Dangling
     * mass (which restarts) is kept up to date as it changes.
     */
    Map<V, Double> run(int maxIterations, double tolerance) {
      int n = vertices.size();
      int[] inOffsets = new int[n + 1];
      for (int j = 0; j < offsets[n]; j++) {
        inOffsets[targets[j] + 1]++;
      }
      for (int i = 0; i < n; i++) {
        inOffsets[i + 1] += inOffsets[i];
      }
      int[] sources = new int[offsets[n]];
      double[] weights = new double[offsets[n]];
      int[] fill = Arrays.copyOf(inOffsets, n);
      for (int i = 0; i < n; i++) {
        for (int j = offsets[i]; j < offsets[i + 1]; j++) {
          int at = fill[targets[j]]++;
          sources[at] = i;
          weights[at] = damping * probabilities[j];
        }
      }
      double[] x = restart.clone();
      double danglingMass = 0;
      for (int i = 0; i < n; i++) {
        if (dangling[i]) {
          danglingMass += x[i];
        }
      }
      for (int it = 0; it < maxIterations; it++) {
        double delta = 0;
        for (int i = 0; i < n; i++) {
          double s = 0;
          for (int j = inOffsets[i], end = inOffsets[i + 1]; j < end; j++) {
            s += x[sources[j]] * weights[j];
          }
          double value = s + restart[i] * ((1 - damping) + damping * danglingMass);
          double change = value - x[i];
          delta += Math.abs(change);
          if (dangling[i]) {
            danglingMass += change;
          }
          x[i] = value;
        }
        if (delta < tolerance) {
          break;
        }
      }
      double total = 0;
      for (double v : x) {
        total += v;
      }
      Map<V, Double> out = HashMap.newHashMap(n);
      for (int i = 0; i < n; i++) {
        out.put(vertices.get(i), x[i] / total);
      }
      return out;
    }
  }
}
