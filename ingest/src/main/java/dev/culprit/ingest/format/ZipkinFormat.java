package dev.culprit.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zipkin v2 JSON: an array of spans, as the Zipkin HTTP API and Kafka collector accept them. The
 * resource is the local endpoint's service; the instance is the {@code k8s.pod.name} or {@code
 * service.instance.id} tag, else the endpoint's {@code ipv4:port} (or ipv6); the node is the {@code
 * k8s.node.name} or {@code host.name} tag. A span is erroneous when it has an {@code error} tag or
 * an HTTP status of 500 or more; a client span's peer is the remote endpoint's service. A span with
 * no kind is in-process and becomes {@link Span.SpanKind#INTERNAL}. Spans without a service or
 * address are attributed to the service {@code unknown}. Zipkin's protobuf encoding is not read.
 */
public final class ZipkinFormat implements WireFormat {

  @Override
  public String name() {
    return "zipkin";
  }

  @Override
  public ParseResult parse(byte[] payload, String contentType) {
    if (ContentTypes.isProtobuf(contentType)) {
      return new ParseResult.Rejected("unsupported content type " + contentType + " for Zipkin");
    }
    return Payloads.guard(payload, () -> spans(Payloads.readJson(payload)));
  }

  private static List<Signal> spans(JsonNode root) {
    JsonNode array = JsonFields.array(root, "Zipkin payload");
    List<Signal> spans = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      spans.add(span(array.get(i), "span[" + i + "]"));
    }
    return spans;
  }

  private static Span span(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new FormatException(where + " is not an object");
    }
    String traceId = Ids.zipkin(JsonFields.text(node, "traceId", where), where + ".traceId");
    String id = Ids.zipkin(JsonFields.text(node, "id", where), where + ".id");
    String parent = JsonFields.text(node, "parentId", where);
    String parentId = parent == null ? null : Ids.zipkin(parent, where + ".parentId");
    long timestamp = micros(node, "timestamp", where, true);
    long duration = micros(node, "duration", where, false);
    Map<String, String> tags = JsonFields.stringMap(node, "tags", where);
    JsonNode local = JsonFields.object(node, "localEndpoint", where);
    JsonNode remote = JsonFields.object(node, "remoteEndpoint", where);
    Span.SpanKind kind = kind(JsonFields.text(node, "kind", where), where);
    String peer =
        kind == Span.SpanKind.CLIENT && remote != null
            ? JsonFields.text(remote, "serviceName", where + ".remoteEndpoint")
            : null;
    return new Span(
        resource(local, tags, where),
        timestamp / 1000,
        traceId,
        id,
        parentId,
        JsonFields.text(node, "name", where),
        duration,
        kind,
        isError(tags),
        peer);
  }

  private static long micros(JsonNode node, String field, String where, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new FormatException(where + " has no " + field);
      }
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw new FormatException(where + "." + field + " is not a non-negative integer");
    }
    return value.longValue();
  }

  private static Span.SpanKind kind(String kind, String where) {
    if (kind == null) {
      return Span.SpanKind.INTERNAL;
    }
    return switch (kind.toUpperCase(Locale.ROOT)) {
      case "SERVER" -> Span.SpanKind.SERVER;
      case "CLIENT" -> Span.SpanKind.CLIENT;
      case "PRODUCER" -> Span.SpanKind.PRODUCER;
      case "CONSUMER" -> Span.SpanKind.CONSUMER;
      default ->
          throw new FormatException(where + " has unknown kind " + AlertFields.shorten(kind));
    };
  }

  private static Resource resource(JsonNode local, Map<String, String> tags, String where) {
    String at = where + ".localEndpoint";
    String service = local == null ? null : JsonFields.text(local, "serviceName", at);
    String instance = firstTag(tags, "k8s.pod.name", "service.instance.id");
    if (instance == null && local != null) {
      instance = address(local, at);
    }
    String node = firstTag(tags, "k8s.node.name", "host.name");
    if (isBlank(service) && isBlank(instance) && isBlank(node)) {
      return Resource.ofService(AlertmanagerFormat.UNKNOWN_SERVICE);
    }
    return new Resource(service, instance, node);
  }

  private static String address(JsonNode endpoint, String where) {
    String ip = JsonFields.text(endpoint, "ipv4", where);
    if (isBlank(ip)) {
      ip = JsonFields.text(endpoint, "ipv6", where);
    }
    if (isBlank(ip)) {
      return null;
    }
    JsonNode port = endpoint.get("port");
    return port != null && port.isIntegralNumber() && port.intValue() > 0
        ? ip + ":" + port.intValue()
        : ip;
  }

  private static boolean isError(Map<String, String> tags) {
    if (tags.containsKey("error")) {
      return true;
    }
    String status = firstTag(tags, "http.status_code", "http.response.status_code");
    if (status == null) {
      return false;
    }
    try {
      return Integer.parseInt(status.trim()) >= 500;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String firstTag(Map<String, String> tags, String... names) {
    for (String name : names) {
      String value = tags.get(name);
      if (!isBlank(value)) {
        return value;
      }
    }
    return null;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
