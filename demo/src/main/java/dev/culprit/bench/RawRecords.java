package dev.culprit.bench;

import com.google.protobuf.ByteString;
import dev.culprit.ingest.format.OtlpSignal;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Signals encoded as the OpenTelemetry Collector's Kafka exporter writes them ({@code otlp_proto},
 * one export request per signal) for the raw topics, so a benchmark starts where a live deployment
 * does. Alerts are not encoded ({@link #encode} returns null for them).
 */
final class RawRecords {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private RawRecords() {}

  /** The raw record carrying {@code signal}, or null for a signal type with no raw encoding. */
  static RawRecord encode(Signal signal) {
    return switch (signal) {
      case Span s -> new RawRecord(OtlpSignal.TRACES.defaultTopic(), s.time(), span(s));
      case MetricSample m -> new RawRecord(OtlpSignal.METRICS.defaultTopic(), m.time(), metric(m));
      case LogEvent l -> new RawRecord(OtlpSignal.LOGS.defaultTopic(), l.time(), log(l));
      default -> null;
    };
  }

  private static byte[] span(Span s) {
    long start = s.time() * NANOS_PER_MILLI;
    var span =
        io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(id(s.traceId(), 16))
            .setSpanId(id(s.spanId(), 8))
            .setName(s.operation())
            .setKind(kind(s.kind()))
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + s.durationMicros() * 1000);
    if (s.parentSpanId() != null) {
      span.setParentSpanId(id(s.parentSpanId(), 8));
    }
    if (s.error()) {
      span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }
    if (s.peer() != null) {
      span.addAttributes(attr("peer.service", s.peer()));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource(s.resource()))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build()
        .toByteArray();
  }

  private static byte[] metric(MetricSample m) {
    Metric metric =
        Metric.newBuilder()
            .setName(m.name())
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(m.time() * NANOS_PER_MILLI)
                            .setAsDouble(m.value())))
            .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource(m.resource()))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric)))
        .build()
        .toByteArray();
  }

  private static byte[] log(LogEvent l) {
    LogRecord.Builder record =
        LogRecord.newBuilder()
            .setTimeUnixNano(l.time() * NANOS_PER_MILLI)
            .setBody(AnyValue.newBuilder().setStringValue(l.body()));
    if (l.severity() != null) {
      record.setSeverityText(l.severity());
    }
    if (l.traceId() != null) {
      record.setTraceId(id(l.traceId(), 16));
    }
    if (l.spanId() != null) {
      record.setSpanId(id(l.spanId(), 8));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource(l.resource()))
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)))
        .build()
        .toByteArray();
  }

  private static io.opentelemetry.proto.resource.v1.Resource resource(Resource r) {
    var b = io.opentelemetry.proto.resource.v1.Resource.newBuilder();
    if (r.service() != null) {
      b.addAttributes(attr("service.name", r.service()));
    }
    if (r.instance() != null) {
      b.addAttributes(attr("k8s.pod.name", r.instance()));
    }
    if (r.node() != null) {
      b.addAttributes(attr("k8s.node.name", r.node()));
    }
    return b.build();
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /**
   * An id as OTLP bytes: the hex id itself when it is hex of the right length, else a stable hash
   * of its text (dataset ids need not be hex), so spans and logs of one trace keep one id.
   */
  static ByteString id(String text, int bytes) {
    if (text.length() == bytes * 2 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return ByteString.copyFrom(HexFormat.of().parseHex(text));
    }
    byte[] out = new byte[bytes];
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < bytes; i++) {
      for (byte b : in) {
        h = (h ^ b) * 0x100000001b3L;
      }
      h = (h ^ i) * 0x100000001b3L;
      out[i] = (byte) (h >>> 56);
    }
    return ByteString.copyFrom(out);
  }

  private static io.opentelemetry.proto.trace.v1.Span.SpanKind kind(Span.SpanKind kind) {
    return switch (kind) {
      case INTERNAL -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
      case SERVER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
      case CLIENT -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
      case PRODUCER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_PRODUCER;
      case CONSUMER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER;
      case UNSPECIFIED -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_UNSPECIFIED;
    };
  }
}
