package dev.culprit.ingest.format;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Objects;

/**
 * OTLP protobuf: one {@code Export*ServiceRequest} per payload, as OTLP/HTTP with {@code
 * application/x-protobuf} and the Collector Kafka exporter's {@code otlp_proto} encoding write it.
 * See {@link OtlpJsonFormat} for how signals are mapped.
 */
public final class OtlpProtoFormat implements WireFormat {
  private final OtlpSignal signal;

  public OtlpProtoFormat(OtlpSignal signal) {
    this.signal = Objects.requireNonNull(signal, "signal");
  }

  @Override
  public String name() {
    return "otlp_proto/" + signal.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public ParseResult parse(byte[] payload, String contentType) {
    return Payloads.guardParsed(payload, () -> signals(payload));
  }

  private ParseResult.Parsed signals(byte[] payload) {
    try {
      return switch (signal) {
        case TRACES ->
            new ParseResult.Parsed(OtlpTraces.spans(ExportTraceServiceRequest.parseFrom(payload)));
        case METRICS -> OtlpMetrics.samples(ExportMetricsServiceRequest.parseFrom(payload));
        case LOGS ->
            new ParseResult.Parsed(OtlpLogs.events(ExportLogsServiceRequest.parseFrom(payload)));
      };
    } catch (InvalidProtocolBufferException e) {
      throw new FormatException("not OTLP protobuf: " + Payloads.describe(e));
    }
  }
}
