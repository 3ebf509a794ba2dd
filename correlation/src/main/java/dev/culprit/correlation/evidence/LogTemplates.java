package dev.culprit.correlation.evidence;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A first log templater: masks variable tokens (numbers, hex ids, UUIDs, IPs, quoted values,
 * timestamps) so lines of one statement share a template. Severity is kept in the template.
 */
public final class LogTemplates {
  private static final Pattern LEADING_TIME =
      Pattern.compile("^\\s*\\[?\\d{1,4}[-:/.]\\d{1,2}[-:/.]\\d{1,4}[ T]?[\\d:.,]*\\]?\\s*");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern HEX = Pattern.compile("\\b(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,}\\b");
  private static final Pattern IP = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b");
  private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z])[-+]?\\d+([.,]\\d+)*");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final int MAX_LENGTH = 160;

  private LogTemplates() {}

  /** The template of a log line. */
  public static String template(String severity, String body) {
    String t = LEADING_TIME.matcher(body).replaceFirst("");
    t = UUID.matcher(t).replaceAll("<*>");
    t = IP.matcher(t).replaceAll("<ip>");
    t = HEX.matcher(t).replaceAll("<*>");
    t = QUOTED.matcher(t).replaceAll("<*>");
    t = NUMBER.matcher(t).replaceAll("<n>");
    t = SPACES.matcher(t).replaceAll(" ").trim();
    if (t.length() > MAX_LENGTH) {
      t = t.substring(0, MAX_LENGTH);
    }
    return normalSeverity(severity) + " " + t;
  }

  /** Upper-case severity, {@code -} when unknown. */
  static String normalSeverity(String severity) {
    return severity == null || severity.isBlank() ? "-" : severity.toUpperCase(Locale.ROOT);
  }

  /** Whether a severity means an error. */
  static boolean isError(String severity) {
    if (severity == null) {
      return false;
    }
    String s = severity.toUpperCase(Locale.ROOT);
    return s.startsWith("ERR") || s.equals("FATAL") || s.equals("CRITICAL") || s.equals("SEVERE");
  }
}
