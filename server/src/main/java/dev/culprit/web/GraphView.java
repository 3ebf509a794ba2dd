package dev.culprit.web;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Subgraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entity graph as {@code culprit.graph.checked} last described each edge, for the graph page:
 * at most {@code capacity} edges (the least recently written dropped first). Answers searches by
 * entity name and the neighbourhood of an entity. Thread-safe.
 */
public final class GraphView {
  /** How many edges are held by default. */
  public static final int DEFAULT_CAPACITY = 50_000;

  /** The most entities a neighbourhood shows. */
  static final int MAX_NODES = 200;

  private final int capacity;
  private final LinkedHashMap<String, GraphEdge> edges = new LinkedHashMap<>();

  public GraphView(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("Invalid capacity: " + capacity);
    }
    this.capacity = capacity;
  }

  public GraphView() {
    this(DEFAULT_CAPACITY);
  }

  /** Holds the latest description of edge {@code e}. */
  public synchronized void accept(GraphEdge e) {
    String key = e.key();
    edges.remove(key);
    edges.put(key, e);
    Iterator<String> oldest = edges.keySet().iterator();
    while (edges.size() > capacity) {
      oldest.next();
      oldest.remove();
    }
  }

  /** How many edges are held. */
  public synchronized int size() {
    return edges.size();
  }

  /** Entities whose key contains {@code query} (any case), sorted, at most {@code limit}. */
  public synchronized List<EntityRef> search(String query, int limit) {
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    TreeSet<EntityRef> found = new TreeSet<>();
    for (GraphEdge e : edges.values()) {
      for (EntityRef r : List.of(e.source(), e.target())) {
        if (r.key().toLowerCase(Locale.ROOT).contains(q)) {
          found.add(r);
        }
      }
    }
    return found.stream().limit(limit).toList();
  }

  /**
   * The entities within {@code depth} edges of {@code center} (either direction) and the edges
   * among them, at most {@link #MAX_NODES} entities, nearest first.
   */
  public synchronized Subgraph neighbourhood(EntityRef center, int depth) {
    Map<EntityRef, List<GraphEdge>> adjacent = new HashMap<>();
    for (GraphEdge e : edges.values()) {
      adjacent.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e);
      adjacent.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e);
    }
    Set<EntityRef> seen = new HashSet<>(List.of(center));
    Deque<EntityRef> frontier = new ArrayDeque<>(List.of(center));
    for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
      Deque<EntityRef> next = new ArrayDeque<>();
      for (EntityRef r : frontier) {
        for (GraphEdge e : adjacent.getOrDefault(r, List.of())) {
          EntityRef other = e.source().equals(r) ? e.target() : e.source();
          if (seen.size() < MAX_NODES && seen.add(other)) {
            next.add(other);
          }
        }
      }
      frontier = next;
    }
    List<GraphEdge> among =
        edges.values().stream()
            .filter(e -> seen.contains(e.source()) && seen.contains(e.target()))
            .toList();
    return Subgraph.of(seen, among);
  }
}
