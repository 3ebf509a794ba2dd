package dev.culprit.model;

import java.util.Objects;

/**
 * A reference to one entity: its kind and its name. The {@link #key()} form {@code kind:name} keys
 * every canonical topic.
 */
public record EntityRef(EntityKind kind, String name) implements Comparable<EntityRef> {

  public EntityRef {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Invalid entity name: " + name);
    }
    name = Limits.clip(name, Limits.NAME_CHARS);
  }

  public static EntityRef service(String name) {
    return new EntityRef(EntityKind.SERVICE, name);
  }

  public static EntityRef instance(String name) {
    return new EntityRef(EntityKind.INSTANCE, name);
  }

  public static EntityRef node(String name) {
    return new EntityRef(EntityKind.NODE, name);
  }

  /** The topic key, {@code kind:name}. */
  public String key() {
    return kind.label() + ":" + name;
  }

  /** Parses a key written by {@link #key()}. */
  public static EntityRef parseKey(String key) {
    int colon = key == null ? -1 : key.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("Invalid entity key: " + key);
    }
    return new EntityRef(EntityKind.parse(key.substring(0, colon)), key.substring(colon + 1));
  }

  @Override
  public int compareTo(EntityRef o) {
    int c = kind.compareTo(o.kind);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return key();
  }
}
