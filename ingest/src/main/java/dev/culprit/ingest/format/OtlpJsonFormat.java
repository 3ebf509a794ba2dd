package dev.culprit.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * OTLP JSON: one {@code Export*ServiceRequest} per payload, as OTLP/HTTP with {@code
 * application/json} and the Collector Kafka exporter's {@code otlp_json} encoding write it.
 *
 * <p>OTLP JSON writes trace and span ids as hex, where the protobuf JSON mapping expects base64 for
 * bytes fields. Before handing the document to protobuf's {@link JsonFormat}, every {@code
 * traceId}, {@code spanId} and {@code parentSpanId} (and their snake_case forms) that is an
 * even-length hex string is rewritten as base64; other values are left for {@link JsonFormat},
 * which rejects them unless they are valid base64. Unknown fields are ignored.
 *
 * <p>Resource attributes name the entity ({@code service.name}; {@code k8s.pod.name}, else {@code
 * service.instance.id}, else {@code host.name}; {@code k8s.node.name}, else {@code host.name}).
 */
public final class OtlpJsonFormat implements WireFormat {
  private static final Set<String> ID_FIELDS =
      Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private final OtlpSignal signal;

  public OtlpJsonFormat(OtlpSignal signal) {
    this.signal = Objects.requireNonNull(signal, "signal");
  }

  @Override
  public String name() {
    return "otlp_json/" + signal.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public ParseResult parse(byte[] payload, String contentType) {
    return Payloads.guardParsed(payload, () -> signals(payload));
  }

  private ParseResult.Parsed signals(byte[] payload) {
    JsonNode root = Payloads.readJson(payload);
    if (!root.isObject()) {
      throw new FormatException("OTLP JSON payload is not a JSON object");
    }
    hexIdsToBase64(root);
    String json = new String(Payloads.writeJson(root), StandardCharsets.UTF_8);
    return switch (signal) {
      case TRACES ->
          new ParseResult.Parsed(
              OtlpTraces.spans(merge(json, ExportTraceServiceRequest.newBuilder()).build()));
      case METRICS ->
          OtlpMetrics.samples(merge(json, ExportMetricsServiceRequest.newBuilder()).build());
      case LOGS ->
          new ParseResult.Parsed(
              OtlpLogs.events(merge(json, ExportLogsServiceRequest.newBuilder()).build()));
    };
  }

  private static <B extends Message.Builder> B merge(String json, B builder) {
    try {
      PARSER.merge(json, builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw new FormatException("not OTLP JSON: " + Payloads.describe(e));
    }
  }

  /** Rewrites hex ids as base64 in place; depth is bounded by the JSON reader's nesting limit. */
  static void hexIdsToBase64(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (var entry : object.properties()) {
        JsonNode value = entry.getValue();
        if (ID_FIELDS.contains(entry.getKey())
            && value.isTextual()
            && Ids.isHex(value.textValue())) {
          entry.setValue(TextNode.valueOf(base64(value.textValue())));
        } else {
          hexIdsToBase64(value);
        }
      }
    } else if (node.isArray()) {
      node.forEach(OtlpJsonFormat::hexIdsToBase64);
    }
  }

  private static String base64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }
}
