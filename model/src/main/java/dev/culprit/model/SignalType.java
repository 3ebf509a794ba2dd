package dev.culprit.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The modality of a signal or of evidence derived from it. */
public enum SignalType {
  METRIC,
  LOG,
  TRACE,
  ALERT;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label such as {@code metrics} or {@code traces} (plural accepted). */
  public static SignalType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
    }
    return switch (t) {
      case "metric" -> METRIC;
      case "log" -> LOG;
      case "trace", "span" -> TRACE;
      case "alert" -> ALERT;
      default -> throw new IllegalArgumentException("Invalid signal type: " + text);
    };
  }
}
