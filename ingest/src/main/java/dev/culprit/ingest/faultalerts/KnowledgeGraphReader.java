package dev.culprit.ingest.faultalerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.ingest.dataset.ReadStats;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code kg.json}, {@code {"nodes":[{"id","type","attributes"}],
 * "edges":[{"source","target","label"}]}}, into a {@link KnowledgeGraph}.
 *
 * <p>Node types: {@code Service} is a service; {@code *_Instance} (also pod, container) an
 * instance; {@code Host} (node, machine, vm, server) a node; anything else, such as {@code Cache},
 * {@code Database} or {@code Coordination_Manager}, a backing entity. Edge labels: {@code
 * control_flow} becomes CALLS, {@code data_flow} DATA_FLOW, {@code instance_of} and the reversed
 * {@code has_instance} INSTANCE_OF (instance to service), {@code hosted_on} and the reversed {@code
 * hosts} HOSTED_ON (instance to node); other labels are ignored. An edge declared in both
 * directions yields one GraphEdge. Malformed nodes and edges are skipped and counted.
 */
final class KnowledgeGraphReader {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeGraphReader.class);

  private final String file;
  private final ReadStats stats;
  private final Map<String, EntityKind> kinds = new HashMap<>();
  private final Map<String, String> nodeByAddress = new HashMap<>();
  private final Map<String, GraphEdge> edges = new LinkedHashMap<>();

  private KnowledgeGraphReader(String file, ReadStats stats) {
    this.file = file;
    this.stats = stats;
  }

  /**
   * The graph in {@code file}; an empty graph, with a warning, when it is missing or unreadable.
   */
  static KnowledgeGraph read(Path file, ReadStats stats) throws IOException {
    if (!Files.isRegularFile(file)) {
      LOG.warn("No knowledge graph at {}: typing entities by their names only", file);
      return KnowledgeGraph.EMPTY;
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      LOG.warn("Unreadable knowledge graph {}: {}", file, e.getOriginalMessage());
      stats.skipRow(file.toString(), 0, "invalid JSON");
      return KnowledgeGraph.EMPTY;
    }
    if (tree == null || !tree.isObject()) {
      LOG.warn("Empty knowledge graph {}", file);
      return KnowledgeGraph.EMPTY;
    }
    return new KnowledgeGraphReader(file.toString(), stats).parse(tree);
  }

  private KnowledgeGraph parse(JsonNode tree) {
    int i = 0;
    for (JsonNode node : tree.path("nodes")) {
      addNode(node, i++);
    }
    i = 0;
    for (JsonNode edge : tree.path("edges")) {
      addEdge(edge, i++);
    }
    Map<String, String> serviceOf = new HashMap<>();
    Map<String, String> nodeOf = new HashMap<>();
    for (GraphEdge e : edges.values()) {
      switch (e.kind()) {
        case INSTANCE_OF -> serviceOf.putIfAbsent(e.source().name(), e.target().name());
        case HOSTED_ON -> nodeOf.putIfAbsent(e.source().name(), e.target().name());
        default -> {}
      }
    }
    return new KnowledgeGraph(
        kinds, serviceOf, nodeOf, nodeByAddress, edges.values().stream().toList());
  }

  private void addNode(JsonNode node, int index) {
    String id = text(node, "id");
    String type = text(node, "type");
    if (id == null || type == null) {
      stats.skipRow(file, index, "node without id or type: " + node);
      return;
    }
    EntityKind kind = kindOfType(type);
    kinds.put(id, kind);
    if (kind == EntityKind.NODE) {
      node.path("attributes").forEach(v -> addAddresses(id, v));
    }
  }

  private void addAddresses(String id, JsonNode value) {
    if (value.isTextual() && !value.asText().isBlank()) {
      nodeByAddress.putIfAbsent(value.asText().trim(), id);
    } else if (value.isArray()) {
      value.forEach(v -> addAddresses(id, v));
    }
  }

  private void addEdge(JsonNode edge, int index) {
    String source = text(edge, "source");
    String target = text(edge, "target");
    String label = text(edge, "label");
    if (source == null || target == null || label == null) {
      stats.skipRow(file, index, "edge without source, target or label: " + edge);
      return;
    }
    switch (label.trim().toLowerCase(Locale.ROOT)) {
      case "control_flow", "calls" -> put(source, target, GraphEdge.Kind.CALLS);
      case "data_flow" -> put(source, target, GraphEdge.Kind.DATA_FLOW);
      case "instance_of" -> put(source, target, GraphEdge.Kind.INSTANCE_OF);
      case "has_instance" -> put(target, source, GraphEdge.Kind.INSTANCE_OF);
      case "hosted_on", "deployed_on", "runs_on" -> put(source, target, GraphEdge.Kind.HOSTED_ON);
      case "hosts" -> put(target, source, GraphEdge.Kind.HOSTED_ON);
      default -> LOG.debug("Ignoring knowledge graph edge label {}", label);
    }
  }

  private void put(String source, String target, GraphEdge.Kind kind) {
    GraphEdge e = new GraphEdge(ref(source), ref(target), kind, 0, 0, 0, 0, true);
    edges.putIfAbsent(e.key(), e);
  }

  private EntityRef ref(String name) {
    return new EntityRef(kinds.getOrDefault(name, KnowledgeGraph.guessKind(name)), name);
  }

  /** The entity kind of a knowledge graph node type. */
  static EntityKind kindOfType(String type) {
    String t = type.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    if (t.endsWith("_instance")
        || t.equals("instance")
        || t.equals("pod")
        || t.equals("container")) {
      return EntityKind.INSTANCE;
    }
    return switch (t) {
      case "service", "svc", "microservice" -> EntityKind.SERVICE;
      case "host", "node", "machine", "vm", "server" -> EntityKind.NODE;
      default -> EntityKind.BACKING;
    };
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !(v.isTextual() || v.isNumber()) || v.asText().isBlank()) {
      return null;
    }
    return v.asText().trim();
  }
}
