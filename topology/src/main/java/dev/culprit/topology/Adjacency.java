package dev.culprit.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jgrapht.Graph;

/**
 * A read-only, compressed sparse row copy of a graph's out-adjacency: vertex {@code i}'s outgoing
 * edges are {@code edge(j)} for {@code j} in {@code [start(i), end(i))}, leading to vertex {@code
 * target(j)}. Iterative algorithms walk these arrays instead of the graph's maps, which is an order
 * of magnitude faster on large graphs. Immutable and safe to share.
 *
 * @param <V> vertex type
 * @param <E> edge type
 */
public final class Adjacency<V, E> {
  private final List<V> vertices;
  private final Map<V, Integer> index;
  private final int[] offsets;
  private final int[] targets;
  private final Object[] edges;

  private Adjacency(List<V> vertices, Map<V, Integer> index, int[] offsets, int[] t, Object[] e) {
    this.vertices = vertices;
    this.index = index;
    this.offsets = offsets;
    this.targets = t;
    this.edges = e;
  }

  /**
   * The adjacency of a JGraphT graph. For undirected graphs every edge appears in both endpoints'
   * lists.
   */
  public static <V, E> Adjacency<V, E> of(Graph<V, E> g) {
    List<V> vertices = List.copyOf(g.vertexSet());
    Map<V, Integer> index = indexOf(vertices);
    int n = vertices.size();
    int[] offsets = new int[n + 1];
    int capacity = g.getType().isDirected() ? g.edgeSet().size() : 2 * g.edgeSet().size();
    int[] targets = new int[capacity];
    Object[] edges = new Object[capacity];
    int k = 0;
    for (int i = 0; i < n; i++) {
      V v = vertices.get(i);
      for (E e : g.outgoingEdgesOf(v)) {
        V target = g.getEdgeTarget(e);
        V other = target.equals(v) ? g.getEdgeSource(e) : target;
        targets[k] = index.get(other);
        edges[k++] = e;
      }
      offsets[i + 1] = k;
    }
    return new Adjacency<>(
        vertices, index, offsets, Arrays.copyOf(targets, k), Arrays.copyOf(edges, k));
  }

  /**
   * The adjacency of a directed edge list whose edges know their endpoints, without a graph in
   * between. Vertices are the edges' endpoints.
   */
  public static <V, E> Adjacency<V, E> ofEdges(
      Collection<E> edgeList, Function<E, V> source, Function<E, V> target) {
    List<V> vertices = new ArrayList<>();
    Map<V, Integer> index = new HashMap<>();
    int[] from = new int[edgeList.size()];
    int[] to = new int[edgeList.size()];
    Object[] byInput = edgeList.toArray();
    for (int j = 0; j < byInput.length; j++) {
      @SuppressWarnings("unchecked")
      E e = (E) byInput[j];
      from[j] = indexOf(source.apply(e), vertices, index);
      to[j] = indexOf(target.apply(e), vertices, index);
    }
    int n = vertices.size();
    int[] offsets = new int[n + 1];
    for (int s : from) {
      offsets[s + 1]++;
    }
    for (int i = 0; i < n; i++) {
      offsets[i + 1] += offsets[i];
    }
    int[] fill = Arrays.copyOf(offsets, n);
    int[] targets = new int[from.length];
    Object[] edges = new Object[from.length];
    for (int j = 0; j < from.length; j++) {
      int at = fill[from[j]]++;
      targets[at] = to[j];
      edges[at] = byInput[j];
    }
    return new Adjacency<>(
        Collections.unmodifiableList(vertices),
        Collections.unmodifiableMap(index),
        offsets,
        targets,
        edges);
  }

  private static <V> int indexOf(V v, List<V> vertices, Map<V, Integer> index) {
    Integer i = index.get(v);
    if (i == null) {
      i = vertices.size();
      vertices.add(v);
      index.put(v, i);
    }
    return i;
  }

  private static <V> Map<V, Integer> indexOf(List<V> vertices) {
    Map<V, Integer> index = HashMap.newHashMap(vertices.size());
    for (int i = 0; i < vertices.size(); i++) {
      index.put(vertices.get(i), i);
    }
    return Collections.unmodifiableMap(index);
  }

  /** Number of vertices. */
  public int size() {
    return vertices.size();
  }

  /** The vertices, in index order. */
  public List<V> vertices() {
    return vertices;
  }

  /** The index of a vertex, or -1 when it is not in the graph. */
  public int indexOf(V v) {
    Integer i = index.get(v);
    return i == null ? -1 : i;
  }

  /** First position of vertex {@code i}'s outgoing edges. */
  public int start(int i) {
    return offsets[i];
  }

  /** One past the last position of vertex {@code i}'s outgoing edges. */
  public int end(int i) {
    return offsets[i + 1];
  }

  /** The vertex index the edge at position {@code j} leads to. */
  public int target(int j) {
    return targets[j];
  }

  /** The edge at position {@code j}. */
  @SuppressWarnings("unchecked")
  public E edge(int j) {
    return (E) edges[j];
  }

  /** Number of edge positions. */
  public int edgeCount() {
    return targets.length;
  }
}
