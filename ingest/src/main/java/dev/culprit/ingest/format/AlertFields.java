package dev.culprit.ingest.format;

import dev.culprit.model.Alert;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Severity, status, time and fingerprint conventions of Alertmanager and Grafana. */
final class AlertFields {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final byte SEPARATOR = (byte) 0xff;

  private AlertFields() {}

  /** Maps a severity label and its common synonyms; absent or unknown is WARNING. */
  static Alert.Severity severity(String label) {
    if (label == null) {
      return Alert.Severity.WARNING;
    }
    return switch (label.trim().toLowerCase(Locale.ROOT)) {
      case "critical", "crit", "page", "fatal", "emergency", "alert", "disaster", "p1" ->
          Alert.Severity.CRITICAL;
      case "error", "err", "high", "major", "p2" -> Alert.Severity.ERROR;
      case "info", "informational", "low", "minor", "none", "notice", "debug", "p4", "p5" ->
          Alert.Severity.INFO;
      default -> Alert.Severity.WARNING;
    };
  }

  /** Maps {@code firing}/{@code resolved} (Grafana also says {@code alerting}, {@code ok}). */
  static Alert.Status status(String status, String where) {
    if (status == null) {
      throw new FormatException(where + " has no status");
    }
    return switch (status.trim().toLowerCase(Locale.ROOT)) {
      case "firing", "alerting", "pending" -> Alert.Status.FIRING;
      case "resolved", "ok", "normal" -> Alert.Status.RESOLVED;
      default -> throw new FormatException(where + " has unknown status " + shorten(status));
    };
  }

  /**
   * Parses an RFC 3339 time to epoch millis. Times before 1970, notably Go's zero time {@code
   * 0001-01-01T00:00:00Z} that Alertmanager sends for "not ended", become 0; null stays null.
   */
  static Long epochMillis(String text, String where) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      long millis = OffsetDateTime.parse(text.trim()).toInstant().toEpochMilli();
      return Math.max(0, millis);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new FormatException(where + " is not an RFC 3339 time: " + shorten(text));
    }
  }

  /**
   * The Prometheus label-set fingerprint: FNV-1a 64 over the labels sorted by name, each name and
   * value followed by the byte 0xff, as 16 lower-case hex digits.
   */
  static String fingerprint(Map<String, String> labels) {
    long hash = FNV_OFFSET;
    for (var entry : new TreeMap<>(labels).entrySet()) {
      hash = add(hash, entry.getKey());
      hash = add(hash, entry.getValue());
    }
    return String.format("%016x", hash);
  }

  private static long add(long hash, String text) {
    long h = hash;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * FNV_PRIME;
    }
    return (h ^ (SEPARATOR & 0xff)) * FNV_PRIME;
  }

  static String shorten(String text) {
    return text.length() > 40 ? '"' + text.substring(0, 40) + "...\"" : '"' + text + '"';
  }
}
