package dev.culprit.ingest.log;

import dev.culprit.model.LogEvent;
import dev.culprit.model.Resource;

/**
 * What {@link LogParser} reads from one log line.
 *
 * @param severity FATAL, ERROR, WARN, INFO, DEBUG or TRACE; null when the line names none
 * @param message the message, prefixed with the statement's source where a field named one
 * @param traceId lower-case hex trace id, or null
 * @param spanId lower-case hex span id, or null
 */
public record ParsedLog(String severity, String message, String traceId, String spanId) {

  public ParsedLog {
    message = message == null ? "" : message;
  }

  /**
   * This line with what its carrier already knows put first: each argument that is not null or
   * blank replaces what was parsed (a dataset's trace id column, an OTLP record's severity).
   */
  public ParsedLog preferring(String knownSeverity, String knownTraceId, String knownSpanId) {
    return new ParsedLog(
        orElse(knownSeverity, severity),
        message,
        orElse(knownTraceId, traceId),
        orElse(knownSpanId, spanId));
  }

  /** The line as a log event of this resource at this time. */
  public LogEvent toEvent(Resource resource, long time) {
    return new LogEvent(resource, time, severity, message, traceId, spanId);
  }

  private static String orElse(String known, String parsed) {
    return known == null || known.isBlank() ? parsed : known;
  }
}
