package dev.culprit.model;

import java.util.Objects;

/**
 * One span of a trace. {@code time} is the start in epoch millis, {@code durationMicros} its
 * length; {@code parentSpanId} is null for a root span; {@code peer} names the remote service of a
 * client span when the callee is not traced.
 */
public record Span(
    Resource resource,
    long time,
    String traceId,
    String spanId,
    String parentSpanId,
    String operation,
    long durationMicros,
    SpanKind kind,
    boolean error,
    String peer)
    implements Signal {

  public Span {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    operation = operation == null ? "" : Limits.clip(operation, Limits.FEATURE_CHARS);
    peer = Limits.clip(peer, Limits.NAME_CHARS);
    kind = kind == null ? SpanKind.UNSPECIFIED : kind;
  }

  @Override
  public SignalType type() {
    return SignalType.TRACE;
  }

  /** The span kind, as in OpenTelemetry. */
  public enum SpanKind {
    UNSPECIFIED,
    INTERNAL,
    SERVER,
    CLIENT,
    PRODUCER,
    CONSUMER
  }
}
