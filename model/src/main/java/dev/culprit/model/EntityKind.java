package dev.culprit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kind of an entity that signals are about and that root causes name. */
public enum EntityKind {
  /** A logical service (a deployment, a job). */
  SERVICE("service"),
  /** One running copy of a service: a pod, a container, a process. */
  INSTANCE("instance"),
  /** A machine: a Kubernetes node, a VM, a host. */
  NODE("node"),
  /** A backing entity such as a database, cache or queue. */
  BACKING("backing");

  private final String label;

  EntityKind(String label) {
    this.label = label;
  }

  /** The lower-case label used in keys and JSON. */
  @JsonValue
  public String label() {
    return label;
  }

  /** Parses a label or a common synonym (pod, host, service_instance, database, ...). */
  @JsonCreator
  public static EntityKind parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "service", "svc" -> SERVICE;
      case "instance", "pod", "service_instance", "container" -> INSTANCE;
      case "node", "host", "machine", "vm" -> NODE;
      case "backing", "database", "db", "cache", "queue", "cache_instance" -> BACKING;
      default -> throw new IllegalArgumentException("Invalid entity kind: " + text);
    };
  }
}
