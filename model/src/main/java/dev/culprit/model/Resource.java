package dev.culprit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a signal comes from: the service, the instance (pod) of it and the node (host) it runs on,
 * and the incident scope (cluster, namespace, tenant) its source named. Any part may be null when
 * the source does not say; a resource names at least one entity.
 *
 * @param scope the incident scope, from the configured scope label; null when none was named
 *     (omitted from JSON then, so records without it read and write as before)
 */
public record Resource(
    String service,
    String instance,
    String node,
    @JsonInclude(JsonInclude.Include.NON_NULL) String scope) {

  public Resource {
    service = blankToNull(service);
    instance = blankToNull(instance);
    node = blankToNull(node);
    scope = blankToNull(scope);
    if (service == null && instance == null && node == null) {
      throw new IllegalArgumentException("Invalid resource: names no service, instance or node");
    }
  }

  /** A resource that names no scope. */
  public Resource(String service, String instance, String node) {
    this(service, instance, node, null);
  }

  /** This resource in {@code scope} (null or blank: in none). */
  public Resource withScope(String scope) {
    return new Resource(service, instance, node, scope);
  }

  public static Resource ofService(String service) {
    return new Resource(service, null, null);
  }

  public static Resource ofNode(String node) {
    return new Resource(null, null, node);
  }

  /** The most specific entity named: the instance, else the service, else the node. */
  public EntityRef primary() {
    if (instance != null) {
      return EntityRef.instance(instance);
    }
    if (service != null) {
      return EntityRef.service(service);
    }
    return EntityRef.node(node);
  }

  /** The service entity, or null. */
  public EntityRef serviceRef() {
    return service == null ? null : EntityRef.service(service);
  }

  /** Every entity named, from the most specific to the least. */
  public List<EntityRef> entities() {
    List<EntityRef> refs = new ArrayList<>(3);
    if (instance != null) {
      refs.add(EntityRef.instance(instance));
    }
    if (service != null) {
      refs.add(EntityRef.service(service));
    }
    if (node != null) {
      refs.add(EntityRef.node(node));
    }
    return List.copyOf(refs);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : Limits.clip(s, Limits.NAME_CHARS);
  }
}
