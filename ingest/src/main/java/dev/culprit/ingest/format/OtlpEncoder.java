package dev.culprit.ingest.format;

import com.google.protobuf.ByteString;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes canonical signals as OTLP protobuf export requests, the inverse of {@link
 * OtlpProtoFormat}: what an OpenTelemetry Collector's Kafka exporter would put on {@code
 * otlp_metrics}, {@code otlp_spans} and {@code otlp_logs} for them. Parsing a request gives the
 * signals back, in order: consecutive signals of one resource share a resource entry; the resource
 * is {@code service.name}, {@code k8s.pod.name} and {@code k8s.node.name}; a metric sample is a
 * gauge point; a span's peer is {@code peer.service}. Metric classes are not written (they are
 * inferred from the name again).
 */
public final class OtlpEncoder {
  private static final HexFormat HEX = HexFormat.of();

  private OtlpEncoder() {}

  /**
   * The request for signals of one type, and the raw topic it goes to.
   *
   * @param topic the Collector Kafka exporter's topic for the type
   * @param payload the serialized export request
   */
  public record Encoded(String topic, byte[] payload) {}

  /**
   * One export request holding {@code signals}, all of one type.
   *
   * @throws IllegalArgumentException for an empty list, mixed types, alerts (OTLP has none), or a
   *     span or log whose ids are not hex
   */
  public static Encoded encode(List<? extends Signal> signals) {
    if (signals.isEmpty()) {
      throw new IllegalArgumentException("Invalid signals: none");
    }
    Signal first = signals.getFirst();
    if (signals.stream().anyMatch(s -> s.type() != first.type())) {
      throw new IllegalArgumentException("Invalid signals: of more than one type");
    }
    return switch (first) {
      case MetricSample m -> new Encoded(OtlpSignal.METRICS.defaultTopic(), metrics(cast(signals)));
      case Span s -> new Encoded(OtlpSignal.TRACES.defaultTopic(), spans(cast(signals)));
      case LogEvent l -> new Encoded(OtlpSignal.LOGS.defaultTopic(), logs(cast(signals)));
      case dev.culprit.model.Alert a ->
          throw new IllegalArgumentException("Invalid signals: alerts have no OTLP form");
    };
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> cast(List<? extends Signal> signals) {
    return (List<T>) signals;
  }

  private static byte[] metrics(List<MetricSample> samples) {
    ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
    for (List<MetricSample> run : runs(samples, MetricSample::resource)) {
      ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
      for (MetricSample m : run) {
        NumberDataPoint point =
            NumberDataPoint.newBuilder()
                .setTimeUnixNano(nanos(m.time()))
                .setAsDouble(m.value())
                .build();
        scope.addMetrics(
            Metric.newBuilder()
                .setName(m.name())
                .setGauge(Gauge.newBuilder().addDataPoints(point)));
      }
      request.addResourceMetrics(
          ResourceMetrics.newBuilder()
              .setResource(resource(run.getFirst().resource()))
              .addScopeMetrics(scope));
    }
    return request.build().toByteArray();
  }

  private static byte[] spans(List<Span> spans) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (List<Span> run : runs(spans, Span::resource)) {
      ScopeSpans.Builder scope = ScopeSpans.newBuilder();
      run.forEach(s -> scope.addSpans(span(s)));
      request.addResourceSpans(
          ResourceSpans.newBuilder()
              .setResource(resource(run.getFirst().resource()))
              .addScopeSpans(scope));
    }
    return request.build().toByteArray();
  }

  private static io.opentelemetry.proto.trace.v1.Span span(Span s) {
    long start = nanos(s.time());
    var span =
        io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(id(s.traceId()))
            .setSpanId(id(s.spanId()))
            .setName(s.operation())
            .setKind(kind(s.kind()))
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + s.durationMicros() * 1000);
    if (s.parentSpanId() != null) {
      span.setParentSpanId(id(s.parentSpanId()));
    }
    if (s.error()) {
      span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }
    if (s.peer() != null) {
      span.addAttributes(attribute("peer.service", s.peer()));
    }
    return span.build();
  }

  private static byte[] logs(List<LogEvent> events) {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    for (List<LogEvent> run : runs(events, LogEvent::resource)) {
      ScopeLogs.Builder scope = ScopeLogs.newBuilder();
      for (LogEvent e : run) {
        LogRecord.Builder r =
            LogRecord.newBuilder()
                .setTimeUnixNano(nanos(e.time()))
                .setBody(AnyValue.newBuilder().setStringValue(e.body()));
        if (e.severity() != null) {
          r.setSeverityText(e.severity());
        }
        if (e.traceId() != null) {
          r.setTraceId(id(e.traceId()));
        }
        if (e.spanId() != null) {
          r.setSpanId(id(e.spanId()));
        }
        scope.addLogRecords(r);
      }
      request.addResourceLogs(
          ResourceLogs.newBuilder()
              .setResource(resource(run.getFirst().resource()))
              .addScopeLogs(scope));
    }
    return request.build().toByteArray();
  }

  /** Consecutive items of one resource, in order. */
  private static <T> List<List<T>> runs(List<T> items, Function<T, Resource> resource) {
    List<List<T>> runs = new ArrayList<>();
    for (T item : items) {
      if (runs.isEmpty()
          || !Objects.equals(resource.apply(runs.getLast().getFirst()), resource.apply(item))) {
        runs.add(new ArrayList<>());
      }
      runs.getLast().add(item);
    }
    return runs;
  }

  private static io.opentelemetry.proto.resource.v1.Resource resource(Resource r) {
    var out = io.opentelemetry.proto.resource.v1.Resource.newBuilder();
    if (r.service() != null) {
      out.addAttributes(attribute("service.name", r.service()));
    }
    if (r.instance() != null) {
      out.addAttributes(attribute("k8s.pod.name", r.instance()));
    }
    if (r.node() != null) {
      out.addAttributes(attribute("k8s.node.name", r.node()));
    }
    return out.build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static io.opentelemetry.proto.trace.v1.Span.SpanKind kind(Span.SpanKind kind) {
    return switch (kind) {
      case UNSPECIFIED -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_UNSPECIFIED;
      case INTERNAL -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
      case SERVER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
      case CLIENT -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
      case PRODUCER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_PRODUCER;
      case CONSUMER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER;
    };
  }

  private static ByteString id(String hex) {
    if (!Ids.isHex(hex)) {
      throw new IllegalArgumentException("Invalid id: " + hex + " is not hex");
    }
    return ByteString.copyFrom(HEX.parseHex(hex));
  }

  private static long nanos(long millis) {
    return millis * 1_000_000L;
  }
}
