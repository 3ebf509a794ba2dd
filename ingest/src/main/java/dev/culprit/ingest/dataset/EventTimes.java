package dev.culprit.ingest.dataset;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses the timestamps datasets write into epoch millis. */
public final class EventTimes {

  private EventTimes() {}

  /**
   * Epoch millis of an ISO-8601 instant ({@code 2023-01-29T08:42:22.383150913Z}, or with an offset)
   * or of a local date-time taken as UTC ({@code 2023-01-29T09:20:29.295}); a space may stand for
   * the {@code T} ({@code 2023-01-29 08:43:04}).
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  public static long parseUtcMillis(String text) {
    String t = text.trim();
    if (t.length() > 10 && t.charAt(10) == ' ') {
      t = t.substring(0, 10) + 'T' + t.substring(11);
    }
    try {
      if (t.endsWith("Z") || t.indexOf('+', 10) > 0 || t.indexOf('-', 10) > 0) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(t, Instant::from).toEpochMilli();
      }
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid timestamp: " + text, e);
    }
  }
}
