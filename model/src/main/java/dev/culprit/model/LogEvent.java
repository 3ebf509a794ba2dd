package dev.culprit.model;

import java.util.Objects;

/** One log line. {@code severity} is upper-case (ERROR, WARN, INFO, ...) or null when unknown. */
public record LogEvent(
    Resource resource, long time, String severity, String body, String traceId, String spanId)
    implements Signal {

  public LogEvent {
    Objects.requireNonNull(resource, "resource");
    body = body == null ? "" : Limits.clip(body, Limits.LOG_BODY_CHARS);
  }

  @Override
  public SignalType type() {
    return SignalType.LOG;
  }
}
