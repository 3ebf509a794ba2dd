package dev.culprit.correlation.evidence;

import dev.culprit.model.LogEvent;
import dev.culprit.model.Resource;
import dev.culprit.model.Span;

/**
 * What the error-origin search keeps of a span or of an error log line, keyed by trace id.
 *
 * @param traceId the trace
 * @param spanId the span (null for a log line)
 * @param parentSpanId the parent span (null for roots and log lines)
 * @param resource where it ran
 * @param time event time (epoch millis)
 * @param errorLog whether this is an error log line rather than a span
 */
record TracePart(
    String traceId,
    String spanId,
    String parentSpanId,
    Resource resource,
    long time,
    boolean errorLog) {

  static TracePart of(Span s) {
    return new TracePart(s.traceId(), s.spanId(), s.parentSpanId(), s.resource(), s.time(), false);
  }

  static TracePart of(LogEvent l) {
    return new TracePart(l.traceId(), null, null, l.resource(), l.time(), true);
  }
}
