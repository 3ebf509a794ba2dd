package dev.culprit.ingest.log;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Severity values normalised to FATAL, ERROR, WARN, INFO, DEBUG or TRACE.
 *
 * <p>Words, case-insensitive: {@code fatal panic emerg emergency alert crit critical} are FATAL;
 * {@code error err severe dpanic} ERROR (zap's dpanic only panics in development); {@code warn
 * warning} WARN; {@code info information informational notice} INFO; {@code debug fine} DEBUG;
 * {@code trace finer finest verbose} TRACE. One-letter codes (klog, logcat): {@code F A E W I D V
 * T}. Numbers: 0–7 are syslog severities (0–2 FATAL, 3 ERROR, 4 WARN, 5–6 INFO, 7 DEBUG); 10–69 are
 * bunyan/pino levels by their tens (10 TRACE, 20 DEBUG, 30 INFO, 40 WARN, 50 ERROR, 60 FATAL); an
 * OTLP {@code severityNumber} 1–24 maps by its ranges of four. Anything else is unknown (null).
 */
final class Severities {
  static final String FATAL = "FATAL";
  static final String ERROR = "ERROR";
  static final String WARN = "WARN";
  static final String INFO = "INFO";
  static final String DEBUG = "DEBUG";
  static final String TRACE = "TRACE";

  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("fatal", FATAL),
          Map.entry("panic", FATAL),
          Map.entry("emerg", FATAL),
          Map.entry("emergency", FATAL),
          Map.entry("alert", FATAL),
          Map.entry("crit", FATAL),
          Map.entry("critical", FATAL),
          Map.entry("error", ERROR),
          Map.entry("err", ERROR),
          Map.entry("severe", ERROR),
          Map.entry("dpanic", ERROR),
          Map.entry("warn", WARN),
          Map.entry("warning", WARN),
          Map.entry("info", INFO),
          Map.entry("information", INFO),
          Map.entry("informational", INFO),
          Map.entry("notice", INFO),
          Map.entry("debug", DEBUG),
          Map.entry("fine", DEBUG),
          Map.entry("trace", TRACE),
          Map.entry("finer", TRACE),
          Map.entry("finest", TRACE),
          Map.entry("verbose", TRACE));

  /** Words that also name a level when written in capitals anywhere near the start of a line. */
  static final Set<String> SHOUTED =
      Set.of(
          "FATAL",
          "PANIC",
          "EMERG",
          "CRIT",
          "CRITICAL",
          "ERROR",
          "ERR",
          "SEVERE",
          "WARN",
          "WARNING",
          "NOTICE",
          "INFO",
          "DEBUG",
          "TRACE");

  private static final String[] SYSLOG = {FATAL, FATAL, FATAL, ERROR, WARN, INFO, INFO, DEBUG};
  private static final String[] LEVELS = {TRACE, DEBUG, INFO, WARN, ERROR, FATAL};
  private static final int MAX_WORD = 16;

  private Severities() {}

  /** The level a word names (case-insensitive), or null. */
  static String word(String word) {
    if (word == null || word.isEmpty() || word.length() > MAX_WORD) {
      return null;
    }
    return WORDS.get(word.toLowerCase(Locale.ROOT));
  }

  /** The level a one-letter code names ({@code E} for ERROR), or null. */
  static String letter(char c) {
    return switch (Character.toUpperCase(c)) {
      case 'F', 'A' -> FATAL;
      case 'E' -> ERROR;
      case 'W' -> WARN;
      case 'I' -> INFO;
      case 'D' -> DEBUG;
      case 'V', 'T' -> TRACE;
      default -> null;
    };
  }

  /** The level of a syslog (0–7) or bunyan/pino (10–69) number, or null. */
  static String number(long n) {
    if (n >= 0 && n < SYSLOG.length) {
      return SYSLOG[(int) n];
    }
    if (n >= 10 && n < 70) {
      return LEVELS[(int) (n / 10) - 1];
    }
    return null;
  }

  /** The level of an OTLP {@code severityNumber} (1–24), or null. */
  static String otlp(long n) {
    return n < 1 || n > 24 ? null : LEVELS[(int) (n - 1) / 4];
  }

  /**
   * The level a field value names: a word, a one-letter code, or (as text or number) a syslog or
   * bunyan number, or for {@code otlpNumber} an OTLP severity number; null if it names none.
   */
  static String value(String value, boolean otlpNumber) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.length() == 1 && Character.isLetter(v.charAt(0))) {
      return letter(v.charAt(0));
    }
    long n = integer(v);
    if (n != Long.MIN_VALUE) {
      return otlpNumber ? otlp(n) : number(n);
    }
    return word(v);
  }

  private static long integer(String v) {
    if (v.isEmpty() || v.length() > 3) {
      return Long.MIN_VALUE;
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return Long.MIN_VALUE;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
