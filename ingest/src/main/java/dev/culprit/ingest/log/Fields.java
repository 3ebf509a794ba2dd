package dev.culprit.ingest.log;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one structured layer of a log line (a JSON object or a logfmt line) in the order
 * written. Nested JSON keys are joined with dots ({@code {"log":{"level":..}}} is {@code
 * log.level}); names are looked up case-insensitively, and the first of two equal names wins.
 */
final class Fields {
  static final int MAX_FIELDS = 256;
  private static final int MAX_REST = 4096;

  /**
   * One field.
   *
   * @param name the dotted path, lower-cased
   * @param value the value as text; null for a bare logfmt word
   * @param written the field as it reads in a message ({@code key=value})
   */
  record Field(String name, String value, String written) {}

  private final List<Field> list;
  private final Map<String, Field> byName = new HashMap<>();
  private final Map<String, Field> byLeaf = new HashMap<>();

  Fields(List<Field> fields) {
    this.list = List.copyOf(fields);
    for (Field f : list) {
      if (f.value() == null) {
        continue;
      }
      byName.putIfAbsent(f.name(), f);
      byLeaf.putIfAbsent(f.name().substring(f.name().lastIndexOf('.') + 1), f);
    }
  }

  /** A field written under its path, JSON or logfmt: {@code key}, {@code key=value}. */
  static Field of(String path, String value, String written) {
    return new Field(path.toLowerCase(Locale.ROOT), value, written);
  }

  /** The field with this (lower-case) dotted name, or null. */
  Field get(String name) {
    return byName.get(name);
  }

  /** The first field whose last path segment is this (lower-case) name, or null. */
  Field leaf(String name) {
    return byLeaf.get(name);
  }

  /**
   * The fields whose names are not in {@code skip}, as written and joined by spaces, cut at a few
   * thousand characters: what a line without a message field says.
   */
  String rest(Set<String> skip) {
    StringBuilder b = new StringBuilder();
    for (Field f : list) {
      if (skip.contains(f.name()) || b.length() > MAX_REST) {
        continue;
      }
      if (!b.isEmpty()) {
        b.append(' ');
      }
      b.append(f.written());
    }
    return b.toString();
  }

  /** Whether this layer holds no field. */
  boolean isEmpty() {
    return list.isEmpty();
  }
}
