package dev.culprit.ingest.faultalerts;

import com.fasterxml.jackson.databind.JsonNode;

/** Field access on the JSON arrays that alert files hold, failing on malformed fields. */
final class Entries {

  private Entries() {}

  /** Requires an array of at least {@code size} elements. */
  static JsonNode array(JsonNode entry, int size) {
    if (entry == null || !entry.isArray() || entry.size() < size) {
      throw new IllegalArgumentException("expected an array of " + size + " elements: " + entry);
    }
    return entry;
  }

  /** A non-blank string or number at {@code index}, trimmed. */
  static String text(JsonNode entry, int index) {
    String t = optionalText(entry, index);
    if (t == null) {
      throw new IllegalArgumentException("missing element " + index + " in " + entry);
    }
    return t;
  }

  /** A non-blank string or number at {@code index}, trimmed, or null. */
  static String optionalText(JsonNode entry, int index) {
    JsonNode v = entry.get(index);
    if (v == null || !(v.isTextual() || v.isNumber()) || v.asText().isBlank()) {
      return null;
    }
    String t = v.asText().trim();
    return t.equalsIgnoreCase("null") || t.equalsIgnoreCase("none") ? null : t;
  }
}
