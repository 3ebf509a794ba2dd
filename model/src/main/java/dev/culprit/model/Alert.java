package dev.culprit.model;

import java.util.Map;
import java.util.Objects;

/**
 * An alert from an external alerting system. {@code time} is when it started firing, {@code endsAt}
 * when it ended (0 while firing). Name, labels and annotations are kept within {@link Limits}.
 */
public record Alert(
    Resource resource,
    long time,
    long endsAt,
    String fingerprint,
    String name,
    Severity severity,
    Status status,
    Map<String, String> labels,
    Map<String, String> annotations)
    implements Signal {

  public Alert {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(name, "name");
    severity = severity == null ? Severity.WARNING : severity;
    status = status == null ? Status.FIRING : status;
    name = Limits.clip(name, Limits.FEATURE_CHARS);
    fingerprint = Limits.clip(fingerprint, Limits.NAME_CHARS);
    labels =
        labels == null
            ? Map.of()
            : Map.copyOf(
                Limits.clip(
                    labels, Limits.LABELS, Limits.LABEL_KEY_CHARS, Limits.LABEL_VALUE_CHARS));
    annotations =
        annotations == null
            ? Map.of()
            : Map.copyOf(
                Limits.clip(
                    annotations,
                    Limits.ANNOTATIONS,
                    Limits.LABEL_KEY_CHARS,
                    Limits.LABEL_VALUE_CHARS));
  }

  @Override
  public SignalType type() {
    return SignalType.ALERT;
  }

  /** Alert severity, from most to least urgent. */
  public enum Severity {
    CRITICAL,
    ERROR,
    WARNING,
    INFO
  }

  /** Whether the alert is firing or resolved. */
  public enum Status {
    FIRING,
    RESOLVED
  }
}
