package dev.culprit.ingest.format;

import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps OTLP spans: ids to lower-case hex, name to operation, start to epoch millis, end minus start
 * to microseconds, status ERROR to error; the peer is {@code peer.service}, else for client and
 * producer spans {@code server.address} (or the older {@code net.peer.name}).
 */
final class OtlpTraces {
  private OtlpTraces() {}

  static List<Signal> spans(ExportTraceServiceRequest request) {
    List<Signal> spans = new ArrayList<>();
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      Resource resource = OtlpValues.resource(resourceSpans.getResource());
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scope = resourceSpans.getScopeSpans(s);
        for (int i = 0; i < scope.getSpansCount(); i++) {
          String where = "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]";
          spans.add(span(resource, scope.getSpans(i), where));
        }
      }
    }
    return spans;
  }

  private static dev.culprit.model.Span span(
      Resource resource, io.opentelemetry.proto.trace.v1.Span span, String where) {
    String traceId = Ids.hex(span.getTraceId());
    String spanId = Ids.hex(span.getSpanId());
    if (traceId == null || spanId == null) {
      throw new FormatException(where + " has no " + (traceId == null ? "traceId" : "spanId"));
    }
    long start = span.getStartTimeUnixNano();
    long end = span.getEndTimeUnixNano();
    long durationMicros =
        Long.compareUnsigned(end, start) > 0 ? Long.divideUnsigned(end - start, 1000L) : 0;
    dev.culprit.model.Span.SpanKind kind = kind(span.getKind());
    return new dev.culprit.model.Span(
        resource,
        OtlpValues.millis(start),
        traceId,
        spanId,
        Ids.hex(span.getParentSpanId()),
        span.getName(),
        durationMicros,
        kind,
        span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
        peer(kind, OtlpValues.attributes(span.getAttributesList())));
  }

  private static String peer(dev.culprit.model.Span.SpanKind kind, Map<String, String> attrs) {
    String peer = attrs.get("peer.service");
    boolean outgoing =
        kind == dev.culprit.model.Span.SpanKind.CLIENT
            || kind == dev.culprit.model.Span.SpanKind.PRODUCER;
    if ((peer == null || peer.isBlank()) && outgoing) {
      peer = attrs.getOrDefault("server.address", attrs.get("net.peer.name"));
    }
    return peer == null || peer.isBlank() ? null : peer;
  }

  private static dev.culprit.model.Span.SpanKind kind(
      io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_INTERNAL -> dev.culprit.model.Span.SpanKind.INTERNAL;
      case SPAN_KIND_SERVER -> dev.culprit.model.Span.SpanKind.SERVER;
      case SPAN_KIND_CLIENT -> dev.culprit.model.Span.SpanKind.CLIENT;
      case SPAN_KIND_PRODUCER -> dev.culprit.model.Span.SpanKind.PRODUCER;
      case SPAN_KIND_CONSUMER -> dev.culprit.model.Span.SpanKind.CONSUMER;
      case SPAN_KIND_UNSPECIFIED, UNRECOGNIZED -> dev.culprit.model.Span.SpanKind.UNSPECIFIED;
    };
  }
}
