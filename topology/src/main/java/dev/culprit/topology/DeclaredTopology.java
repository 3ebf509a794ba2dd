package dev.culprit.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Culprit's own declared-topology format, YAML:
 *
 * <pre>{@code
 * services:
 *   frontend:
 *     calls: [cart, checkout]          # service -> service calls
 *     instances: [frontend-7d9-abcde]  # pods of this service
 *   cart:
 *     calls: [redis-cart]
 *     data: [redis-cart]               # data flow to a backing entity
 * backing: [redis-cart]                # databases, caches, queues
 * hosts:
 *   node-1: [frontend-7d9-abcde]       # node -> the instances it runs
 * }</pre>
 *
 * A callee or data target listed under {@code backing} is a backing entity, else a service. Every
 * edge read is {@code declared}.
 */
public final class DeclaredTopology {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private DeclaredTopology() {}

  /** Reads a topology file. */
  public static List<GraphEdge> read(Path file) throws IOException {
    JsonNode root = YAML.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Invalid topology file " + file + ": not a YAML mapping");
    }
    Set<String> backing = new HashSet<>();
    root.path("backing").forEach(n -> backing.add(n.asText()));
    List<GraphEdge> edges = new ArrayList<>();
    for (Map.Entry<String, JsonNode> svc : root.path("services").properties()) {
      EntityRef service = EntityRef.service(svc.getKey());
      for (JsonNode callee : svc.getValue().path("calls")) {
        edges.add(edge(service, target(callee.asText(), backing), GraphEdge.Kind.CALLS));
      }
      for (JsonNode sink : svc.getValue().path("data")) {
        edges.add(edge(service, target(sink.asText(), backing), GraphEdge.Kind.DATA_FLOW));
      }
      for (JsonNode pod : svc.getValue().path("instances")) {
        edges.add(edge(EntityRef.instance(pod.asText()), service, GraphEdge.Kind.INSTANCE_OF));
      }
    }
    for (Map.Entry<String, JsonNode> host : root.path("hosts").properties()) {
      for (JsonNode pod : host.getValue()) {
        edges.add(
            edge(
                EntityRef.instance(pod.asText()),
                EntityRef.node(host.getKey()),
                GraphEdge.Kind.HOSTED_ON));
      }
    }
    return List.copyOf(edges);
  }

  private static EntityRef target(String name, Set<String> backing) {
    return backing.contains(name)
        ? new EntityRef(dev.culprit.model.EntityKind.BACKING, name)
        : EntityRef.service(name);
  }

  private static GraphEdge edge(EntityRef from, EntityRef to, GraphEdge.Kind kind) {
    return new GraphEdge(from, to, kind, 0, 0, 0, 0, true);
  }
}
