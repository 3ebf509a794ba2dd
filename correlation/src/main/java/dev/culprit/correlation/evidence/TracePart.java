package dev.culprit.correlation.evidence;

import dev.culprit.model.LogEvent;
import dev.culprit.model.Resource;
import dev.culprit.model.Span;

/**
 * What the by-trace analyses keep of a span or of a log line, keyed by trace id.
 *
 * @param traceId the trace
 * @param spanId the span, or for a log line the span it was logged in (may be null)
 * @param parentSpanId the parent span (null for roots and log lines)
 * @param resource where it ran
 * @param time event time (epoch millis)
 * @param errorLog whether this is an error log line
 * @param operation the span's operation (null for log lines)
 * @param template for a log line, its statement ({@link #statement}); null for spans
 * @param durationMicros a span's duration (0 for log lines, and for parts written before it was
 *     kept)
 */
record TracePart(
    String traceId,
    String spanId,
    String parentSpanId,
    Resource resource,
    long time,
    boolean errorLog,
    String operation,
    String template,
    long durationMicros) {

  static final int MAX_STATEMENT = 120;

  /** A part without a duration (log lines, and spans in tests that do not need one). */
  TracePart(
      String traceId,
      String spanId,
      String parentSpanId,
      Resource resource,
      long time,
      boolean errorLog,
      String operation,
      String template) {
    this(traceId, spanId, parentSpanId, resource, time, errorLog, operation, template, 0);
  }

  static TracePart of(Span s) {
    return new TracePart(
        s.traceId(),
        s.spanId(),
        s.parentSpanId(),
        s.resource(),
        s.time(),
        false,
        s.operation(),
        null,
        s.durationMicros());
  }

  static TracePart of(LogEvent l) {
    return new TracePart(
        l.traceId(),
        l.spanId(),
        null,
        l.resource(),
        l.time(),
        LogTemplates.isError(l.severity()),
        null,
        statement(l.severity(), l.body()),
        0);
  }

  /** Whether this is a log line rather than a span. */
  boolean isLog() {
    return template != null;
  }

  /**
   * A stateless name for the log statement a line comes from: severity and source location where
   * the line names one, else severity and the masked text.
   */
  static String statement(String severity, String body) {
    LogTemplates.Masked m = LogTemplates.mask(body);
    String text = m.location() != null ? m.location() : m.text();
    String s = LogTemplates.normalSeverity(severity) + " " + text;
    return s.length() > MAX_STATEMENT ? s.substring(0, MAX_STATEMENT) : s;
  }
}
