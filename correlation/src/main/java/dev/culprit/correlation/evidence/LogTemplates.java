package dev.culprit.correlation.evidence;

import dev.culprit.model.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Log line preprocessing for {@link TemplateMiner}: masks variable tokens (numbers, hex ids, UUIDs,
 * IPs, quoted values, a leading timestamp) so lines of one statement look alike, and finds the
 * line's source location ({@code TravelServiceImpl#457}, {@code Foo.java:57}) if it names one.
 * Numbers inside a source location are kept: they tell log statements apart, and masking them would
 * merge every statement of a class into one template.
 */
public final class LogTemplates {
  private static final Pattern LOCATION =
      Pattern.compile(
          "\\b[A-Za-z_$][\\w$.]*#\\d+\\b"
              + "|\\b[\\w$.-]+\\.(?:java|kt|scala|groovy|py|go|rb|js|ts|cs|cpp|cc|c|rs|php):\\d+\\b");
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

  /**
   * The last line masked on this thread and its result: each log line is masked twice in a row (its
   * entity's template miner, then its trace part), by processors the same record reaches one after
   * the other.
   */
  private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

  private LogTemplates() {}

  /**
   * A log line with its variable parts masked.
   *
   * @param text the masked line, whitespace collapsed
   * @param location the first source location the line names, or null
   */
  record Masked(String text, String location) {}

  /** Masks the variable parts of a log line, keeping source locations intact. */
  static Masked mask(String body) {
    Object[] last = LAST.get();
    if (body.equals(last[0])) {
      return (Masked) last[1];
    }
    Masked masked = maskAnew(body);
    last[0] = body;
    last[1] = masked;
    return masked;
  }

  /**
   * Each pattern runs only on lines holding what it needs to match (a cheap scan): a line it cannot
   * match comes out of it unchanged, so the result is the same.
   */
  private static Masked maskAnew(String body) {
    String t = LineScan.mayStartWithTime(body) ? LEADING_TIME.matcher(body).replaceFirst("") : body;
    List<String> locations = new ArrayList<>();
    if (LineScan.mayNameLocation(t)) {
      Matcher loc = LOCATION.matcher(t);
      StringBuilder kept = new StringBuilder();
      while (loc.find()) {
        loc.appendReplacement(kept, placeholder(locations.size()));
        locations.add(loc.group());
      }
      loc.appendTail(kept);
      t = kept.toString();
    }
    t = maskValues(t);
    for (int i = 0; i < locations.size(); i++) {
      t = t.replace(placeholder(i), locations.get(i));
    }
    return new Masked(t, locations.isEmpty() ? null : locations.get(0));
  }

  /**
   * Stands in for the {@code i}th source location while values are masked: letters only (so no mask
   * touches it) between NUL characters (so no placeholder is a prefix of another).
   */
  private static String placeholder(int i) {
    StringBuilder b = new StringBuilder("\u0000");
    do {
      b.append((char) ('a' + i % 26));
      i /= 26;
    } while (i > 0);
    return b.append('\u0000').toString();
  }

  private static String maskValues(String line) {
    String t = line;
    if (LineScan.mayHoldUuid(t)) {
      t = UUID.matcher(t).replaceAll("<*>");
    }
    if (LineScan.mayHoldIp(t)) {
      t = IP.matcher(t).replaceAll("<ip>");
    }
    if (LineScan.mayHoldHex(t)) {
      t = HEX.matcher(t).replaceAll("<*>");
    }
    if (LineScan.mayHoldQuote(t)) {
      t = QUOTED.matcher(t).replaceAll("<*>");
    }
    if (LineScan.mayHoldDigit(t)) {
      t = NUMBER.matcher(t).replaceAll("<n>");
    }
    if (LineScan.mayHoldSpaceRun(t)) {
      t = SPACES.matcher(t).replaceAll(" ");
    }
    return t.trim();
  }

  /** Upper-case severity, {@code -} when unknown. */
  static String normalSeverity(String severity) {
    return severity == null || severity.isBlank() ? "-" : severity.toUpperCase(Locale.ROOT);
  }

  /** Whether a severity means an error or a warning. */
  static boolean isErrorOrWarning(String severity) {
    return isError(severity)
        || (severity != null && severity.toUpperCase(Locale.ROOT).startsWith("WARN"));
  }

  /**
   * The severity of log lines as {@link Alert.Severity}: fatal and critical lines are critical,
   * other error lines errors, warnings warnings, everything else (info, debug, unknown) info.
   */
  static Alert.Severity severityOf(String severity) {
    String s = severity == null ? "" : severity.toUpperCase(Locale.ROOT);
    if (s.equals("FATAL") || s.equals("CRITICAL") || s.equals("EMERG") || s.equals("ALERT")) {
      return Alert.Severity.CRITICAL;
    }
    if (isError(s)) {
      return Alert.Severity.ERROR;
    }
    return s.startsWith("WARN") ? Alert.Severity.WARNING : Alert.Severity.INFO;
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
