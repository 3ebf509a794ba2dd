package dev.culprit.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.Resource;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** OTLP attribute values and resource attributes. */
final class OtlpValues {
  private static final int MAX_RENDER_DEPTH = 8;

  private OtlpValues() {}

  /** Attributes as text (first occurrence of a key wins). */
  static Map<String, String> attributes(List<KeyValue> attributes) {
    Map<String, String> map = new HashMap<>();
    for (KeyValue kv : attributes) {
      map.putIfAbsent(kv.getKey(), render(kv.getValue(), 0));
    }
    return map;
  }

  /**
   * The resource named by OpenTelemetry semantic conventions: service from {@code service.name};
   * instance from {@code k8s.pod.name}, else {@code service.instance.id}, else {@code host.name};
   * node from {@code k8s.node.name}, else {@code host.name}. A resource naming none of these is the
   * service {@code unknown}.
   */
  static Resource resource(io.opentelemetry.proto.resource.v1.Resource resource) {
    Map<String, String> attrs = attributes(resource.getAttributesList());
    String service = attrs.get("service.name");
    String instance = first(attrs, "k8s.pod.name", "service.instance.id", "host.name");
    String node = first(attrs, "k8s.node.name", "host.name");
    if (service == null && instance == null && node == null) {
      return Resource.ofService(AlertmanagerFormat.UNKNOWN_SERVICE);
    }
    return new Resource(service, instance, node);
  }

  /** A value as text: scalars as written, bytes as hex, arrays and maps in brackets. */
  static String render(AnyValue value, int depth) {
    if (depth > MAX_RENDER_DEPTH) {
      return "...";
    }
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BYTES_VALUE -> HexFormat.of().formatHex(value.getBytesValue().toByteArray());
      case ARRAY_VALUE ->
          value.getArrayValue().getValuesList().stream()
              .map(v -> render(v, depth + 1))
              .collect(Collectors.joining(", ", "[", "]"));
      case KVLIST_VALUE ->
          value.getKvlistValue().getValuesList().stream()
              .map(kv -> kv.getKey() + "=" + render(kv.getValue(), depth + 1))
              .collect(Collectors.joining(", ", "{", "}"));
      default -> "";
    };
  }

  /** A value as JSON text: maps as objects, arrays as arrays, bytes as hex strings. */
  static String json(AnyValue value) {
    return new String(Payloads.writeJson(node(value, 0)), StandardCharsets.UTF_8);
  }

  private static JsonNode node(AnyValue value, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (depth > MAX_RENDER_DEPTH) {
      return f.textNode("...");
    }
    return switch (value.getValueCase()) {
      case STRING_VALUE -> f.textNode(value.getStringValue());
      case BOOL_VALUE -> f.booleanNode(value.getBoolValue());
      case INT_VALUE -> f.numberNode(value.getIntValue());
      case DOUBLE_VALUE -> f.numberNode(value.getDoubleValue());
      case BYTES_VALUE -> f.textNode(render(value, depth));
      case ARRAY_VALUE -> {
        ArrayNode array = f.arrayNode();
        value.getArrayValue().getValuesList().forEach(v -> array.add(node(v, depth + 1)));
        yield array;
      }
      case KVLIST_VALUE -> {
        ObjectNode object = f.objectNode();
        for (KeyValue kv : value.getKvlistValue().getValuesList()) {
          if (!object.has(kv.getKey())) {
            object.set(kv.getKey(), node(kv.getValue(), depth + 1));
          }
        }
        yield object;
      }
      default -> f.nullNode();
    };
  }

  private static String first(Map<String, String> attrs, String... keys) {
    for (String key : keys) {
      String value = attrs.get(key);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** Unsigned nanoseconds since the epoch to milliseconds. */
  static long millis(long unixNanos) {
    return Long.divideUnsigned(unixNanos, 1_000_000L);
  }
}
