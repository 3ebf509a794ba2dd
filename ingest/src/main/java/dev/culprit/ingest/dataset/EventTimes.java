package dev.culprit.ingest.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parses the timestamps datasets write into epoch millis. */
public final class EventTimes {
  private static final Pattern NUMBER = Pattern.compile("^\\d+(\\.\\d+)?$");
  private static final long MAX_SECONDS = 100_000_000_000L;
  private static final long MAX_MILLIS = 100_000_000_000_000L;
  private static final long MAX_MICROS = 100_000_000_000_000_000L;

  private EventTimes() {}

  /**
   * Epoch millis of an ISO-8601 instant ({@code 2023-01-29T08:42:22.383150913Z}, or with an offset)
   * or of a local date-time taken as UTC ({@code 2023-01-29T09:20:29.295}); a space may stand for
   * the {@code T} ({@code 2023-01-29 08:43:04}).
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  public static long parseUtcMillis(String text) {
    return parseMillis(text, ZoneOffset.UTC);
  }

  /**
   * Epoch millis of an ISO-8601 instant or offset date-time, or of a local date-time (no zone or
   * offset) in {@code zone}; a space may stand for the {@code T}.
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  public static long parseMillis(String text, ZoneId zone) {
    String t = withT(text);
    try {
      if (hasZone(t)) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(t, Instant::from).toEpochMilli();
      }
      return LocalDateTime.parse(t).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid timestamp: " + text, e);
    }
  }

  /**
   * Epoch millis of an epoch number (seconds, millis, micros or nanos, by {@link #epochMillis}) or
   * of a date-time as {@link #parseMillis(String, ZoneId)} reads it.
   *
   * @throws IllegalArgumentException if the text is neither
   */
  public static long millis(String text, ZoneId zone) {
    String t = text.trim();
    return isNumber(t) ? epochMillis(new BigDecimal(t)) : parseMillis(t, zone);
  }

  /** Whether a date-time names its zone: ends in {@code Z} or carries an offset. */
  public static boolean hasZone(String text) {
    String t = withT(text);
    return t.endsWith("Z") || t.indexOf('+', 10) > 0 || t.indexOf('-', 10) > 0;
  }

  /** Whether the text is an unsigned decimal number (an epoch time). */
  public static boolean isNumber(String text) {
    return NUMBER.matcher(text.trim()).matches();
  }

  /**
   * Epoch millis of an epoch number in seconds, millis, micros or nanos, told apart by magnitude.
   *
   * @throws IllegalArgumentException for a negative number
   */
  public static long epochMillis(BigDecimal value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("Invalid epoch time: " + value);
    }
    BigDecimal millis;
    if (value.compareTo(BigDecimal.valueOf(MAX_SECONDS)) < 0) {
      millis = value.movePointRight(3);
    } else if (value.compareTo(BigDecimal.valueOf(MAX_MILLIS)) < 0) {
      millis = value;
    } else if (value.compareTo(BigDecimal.valueOf(MAX_MICROS)) < 0) {
      millis = value.movePointLeft(3);
    } else {
      millis = value.movePointLeft(6);
    }
    return millis.longValue();
  }

  private static String withT(String text) {
    String t = text.trim();
    if (t.length() > 10 && t.charAt(10) == ' ') {
      t = t.substring(0, 10) + 'T' + t.substring(11);
    }
    return t;
  }
}
