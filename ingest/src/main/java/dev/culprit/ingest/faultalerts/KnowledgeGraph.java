package dev.culprit.ingest.faultalerts;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Resource;
import java.util.List;
import java.util.Map;

/**
 * The declared entities and edges of {@code kg.json}, with the look-ups alerts need: the kind of an
 * entity, the service of an instance and the node of an instance or an address. Names the graph
 * does not know fall back to {@link EntityNames}.
 *
 * @param kinds entity kind by node id
 * @param serviceOf service (or backing entity) by instance id, from instance_of/has_instance
 * @param nodeOf node by instance id, from hosted_on/hosts
 * @param nodeByAddress node id by any attribute value of a host node (such as its IP address)
 * @param edges the declared edges, without duplicates
 */
record KnowledgeGraph(
    Map<String, EntityKind> kinds,
    Map<String, String> serviceOf,
    Map<String, String> nodeOf,
    Map<String, String> nodeByAddress,
    List<GraphEdge> edges) {

  static final KnowledgeGraph EMPTY =
      new KnowledgeGraph(Map.of(), Map.of(), Map.of(), Map.of(), List.of());

  KnowledgeGraph {
    kinds = Map.copyOf(kinds);
    serviceOf = Map.copyOf(serviceOf);
    nodeOf = Map.copyOf(nodeOf);
    nodeByAddress = Map.copyOf(nodeByAddress);
    edges = List.copyOf(edges);
  }

  /** Every declared entity, sorted. */
  List<EntityRef> entities() {
    return kinds.entrySet().stream()
        .map(e -> new EntityRef(e.getValue(), e.getKey()))
        .sorted()
        .toList();
  }

  /** The entity a name denotes: by its graph node type, else by {@link #guessKind(String)}. */
  EntityRef ref(String name) {
    return new EntityRef(kinds.getOrDefault(name, guessKind(name)), name);
  }

  /** The service of an instance: from the graph, else by the suffix rule. */
  String serviceOfInstance(String instance) {
    String service = serviceOf.get(instance);
    return service != null ? service : EntityNames.serviceOfInstance(instance);
  }

  /** The node name for a host as alerts write it: a graph node id, or an address mapped to one. */
  String node(String host) {
    return kinds.get(host) == EntityKind.NODE ? host : nodeByAddress.getOrDefault(host, host);
  }

  /**
   * The resource of an alert about {@code component}, reported on {@code host} (may be null). A
   * service or backing entity becomes a service resource; an instance names its service and its
   * node (the alert's host, else the graph's); a node or address becomes a node resource.
   */
  Resource resource(String component, String host) {
    EntityKind kind = kinds.get(component);
    if (kind == null && nodeByAddress.containsKey(component)) {
      kind = EntityKind.NODE;
    }
    return switch (kind == null ? guessKind(component) : kind) {
      case SERVICE, BACKING -> Resource.ofService(component);
      case NODE -> Resource.ofNode(node(component));
      case INSTANCE -> {
        String node = host == null || host.isBlank() ? nodeOf.get(component) : node(host);
        yield new Resource(serviceOfInstance(component), component, node);
      }
    };
  }

  /** The kind of a name unknown to the graph: a node, an instance by its suffix, or a service. */
  static EntityKind guessKind(String name) {
    if (EntityNames.looksLikeNode(name)) {
      return EntityKind.NODE;
    }
    return EntityNames.looksLikeInstance(name) ? EntityKind.INSTANCE : EntityKind.SERVICE;
  }
}
