package dev.culprit.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Typed access to JSON fields that rejects wrong types with a reason naming the field. */
final class JsonFields {
  private JsonFields() {}

  /** A string field, or null when absent or JSON null. */
  static String text(JsonNode parent, String field, String where) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new FormatException(where + "." + field + " is not a string");
    }
    return node.textValue();
  }

  /** A required, non-blank string field. */
  static String requiredText(JsonNode parent, String field, String where) {
    String value = text(parent, field, where);
    if (value == null || value.isBlank()) {
      throw new FormatException(where + " has no " + field);
    }
    return value;
  }

  /** An object field, or null when absent or JSON null. */
  static JsonNode object(JsonNode parent, String field, String where) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new FormatException(where + "." + field + " is not an object");
    }
    return node;
  }

  /** A string-to-string map field (empty when absent); non-string values are refused. */
  static Map<String, String> stringMap(JsonNode parent, String field, String where) {
    JsonNode node = object(parent, field, where);
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null) {
      return map;
    }
    for (var entry : node.properties()) {
      if (!entry.getValue().isTextual()) {
        throw new FormatException(where + "." + field + "." + entry.getKey() + " is not a string");
      }
      map.put(entry.getKey(), entry.getValue().textValue());
    }
    return map;
  }

  /** The array at the root or a field, refusing anything else. */
  static JsonNode array(JsonNode node, String what) {
    if (node == null || !node.isArray()) {
      throw new FormatException(what + " is not an array");
    }
    return node;
  }
}
