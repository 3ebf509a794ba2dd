package dev.culprit.model;

import java.util.Objects;

/** One log line. {@code severity} is upper-case (ERROR, WARN, INFO, ...) or null when unknown. */
public record LogEvent(
    Resource resource, long time, String severity, String body, String traceId, String spanId)
    implements Signal {

  public LogEvent {
    Objects.requireNonNull(resource, "resource");
    body = body == null ? "" : body;
  }

  @Override
  public SignalType type() {
    return SignalType.LOG;
  }
}
