package dev.culprit.ingest.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a plain-text log line: where its severity is written and where its message starts.
 * In order:
 *
 * <ol>
 *   <li>A syslog priority {@code <N>} (N up to 191) gives the severity N mod 8 ({@link
 *       Severities#number}) and is cut, with an RFC 5424 version {@code 1 } after it.
 *   <li>A klog header {@code E0101 12:00:00.000000 1234 } gives the severity of its letter and is
 *       cut, leaving {@code file.go:57] message}.
 *   <li>Leading timestamps are cut (up to three): {@code 2023-01-29 16:42:22.382}, ISO 8601 with
 *       {@code T} and zone, {@code 16:42:22,382}, {@code Jan 29 16:42:22}, optionally in brackets,
 *       each followed by spaces or {@code |}.
 *   <li>The header level: at the start of what is left, a level word ({@link Severities#word}) in
 *       brackets ({@code [error]}, {@code (WARN)}, {@code <info>}) in any case; or bare, in any
 *       case when a timestamp was cut or a colon follows it ({@code ERROR:root:boom}, {@code
 *       warning: low disk}), in capitals otherwise ({@code ERROR boom}). It is cut with one
 *       separator after it ({@code :}, {@code |} or {@code - }).
 *   <li>Without a header level, the line is scanned (nothing more is cut): first for {@code
 *       level=}, {@code level:}, {@code lvl=}, {@code severity=} or {@code loglevel=} followed by a
 *       level word within the first {@link #KEY_CHARS} characters; then among the first {@link
 *       #MAX_WORDS} words (runs of ASCII letters) within {@link #MAX_CHARS} characters for a
 *       capitalised level word of {@link Severities#SHOUTED} or a level word in any case written
 *       {@code [like this]}. A word touching a digit or {@code _} ({@code ERR_CONNECTION}) is no
 *       level.
 * </ol>
 */
final class TextLayer {
  static final int MAX_WORDS = 5;
  static final int MAX_CHARS = 120;
  static final int KEY_CHARS = 200;
  private static final int MAX_TIMESTAMPS = 3;
  private static final int MAX_BRACKETED = 16;
  private static final Pattern PRI = Pattern.compile("<(\\d{1,3})>(?:1 (?=[\\d-]))?");
  private static final Pattern KLOG =
      Pattern.compile("([IWEF])\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{1,9}\\s+(?:\\d+ )?");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "\\[?(?:\\d{4}[-/.]\\d{2}[-/.]\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,9})?)?"
              + "|\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?"
              + "|[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2})"
              + "(?:Z|[+-]\\d{2}:?\\d{2}| ?UTC)?\\]?(?:[ \\t]*\\|[ \\t]*|[ \\t]+|$)");
  private static final Pattern LEVEL_KEY =
      Pattern.compile("(?i)(?<![a-z])(?:level|lvl|severity|loglevel)[=:] ?[\"']?([a-z]+)");

  /** A line's severity (null if none) and its message, the line less its header. */
  record Header(String severity, String message) {}

  private TextLayer() {}

  /** Reads the header of a plain-text line. */
  static Header parse(String text) {
    int n = text.length();
    int i = 0;
    String severity = null;
    Matcher pri = PRI.matcher(text);
    if (pri.lookingAt() && Integer.parseInt(pri.group(1)) <= 191) {
      severity = Severities.number(Integer.parseInt(pri.group(1)) % 8);
      i = pri.end();
    }
    Matcher klog = KLOG.matcher(text).region(i, n);
    if (severity == null && klog.lookingAt()) {
      return new Header(Severities.letter(klog.group(1).charAt(0)), text.substring(klog.end()));
    }
    int afterTime = skipTimestamps(text, i);
    boolean timed = afterTime > i;
    i = afterTime;
    if (severity == null) {
      int[] level = new int[1];
      severity = headerLevel(text, i, timed, level);
      i = severity != null ? level[0] : i;
    }
    if (severity == null) {
      severity = scan(text, i);
    }
    return new Header(severity, text.substring(i));
  }

  /** The index after the timestamps that start the text at {@code from}. */
  static int skipTimestamps(String text, int from) {
    int i = from;
    Matcher m = TIMESTAMP.matcher(text);
    for (int k = 0; k < MAX_TIMESTAMPS && i < text.length(); k++) {
      m.region(i, text.length());
      if (!m.lookingAt() || m.end() == i) {
        break;
      }
      i = m.end();
    }
    return i;
  }

  private static String headerLevel(String text, int i, boolean timed, int[] end) {
    if (i >= text.length()) {
      return null;
    }
    char open = text.charAt(i);
    char close = open == '[' ? ']' : open == '(' ? ')' : open == '<' ? '>' : 0;
    if (close != 0) {
      int j = letters(text, i + 1);
      if (j < text.length() && text.charAt(j) == close && j - i <= MAX_BRACKETED) {
        end[0] = separator(text, j + 1);
        return Severities.word(text.substring(i + 1, j));
      }
      return null;
    }
    int j = letters(text, i);
    if (j == i || !isBoundary(text, j)) {
      return null;
    }
    String word = text.substring(i, j);
    boolean colon = j < text.length() && text.charAt(j) == ':';
    if (!timed && !colon && !Severities.SHOUTED.contains(word)) {
      return null;
    }
    end[0] = separator(text, j);
    return Severities.word(word);
  }

  private static String scan(String text, int from) {
    int keyEnd = Math.min(text.length(), from + KEY_CHARS);
    Matcher key = LEVEL_KEY.matcher(text).region(from, keyEnd);
    while (key.find()) {
      String s = Severities.word(key.group(1));
      if (s != null) {
        return s;
      }
    }
    int end = Math.min(text.length(), from + MAX_CHARS);
    int words = 0;
    int i = from;
    while (i < end && words < MAX_WORDS) {
      if (!isLetter(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      i = letters(text, i);
      words++;
      String word = text.substring(start, i);
      if (touchesDigit(text, start, i)) {
        continue;
      }
      if (Severities.SHOUTED.contains(word)) {
        return Severities.word(word);
      }
      if (start > 0
          && text.charAt(start - 1) == '['
          && i < text.length()
          && text.charAt(i) == ']'
          && Severities.word(word) != null) {
        return Severities.word(word);
      }
    }
    return null;
  }

  private static int separator(String text, int from) {
    int i = spaces(text, from);
    if (i < text.length() && (text.charAt(i) == ':' || text.charAt(i) == '|')) {
      i++;
    } else if (i + 1 < text.length() && text.charAt(i) == '-' && text.charAt(i + 1) == ' ') {
      i++;
    }
    return spaces(text, i);
  }

  private static boolean isBoundary(String text, int j) {
    if (j >= text.length()) {
      return true;
    }
    char c = text.charAt(j);
    return c == ' ' || c == '\t' || c == ':' || c == '|' || c == '\n' || c == '\r';
  }

  private static boolean touchesDigit(String text, int start, int end) {
    return start > 0 && isDigitOrUnderscore(text.charAt(start - 1))
        || end < text.length() && isDigitOrUnderscore(text.charAt(end));
  }

  private static boolean isDigitOrUnderscore(char c) {
    return c >= '0' && c <= '9' || c == '_';
  }

  private static int letters(String text, int i) {
    int j = i;
    while (j < text.length() && isLetter(text.charAt(j))) {
      j++;
    }
    return j;
  }

  private static int spaces(String text, int i) {
    int j = i;
    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j++;
    }
    return j;
  }

  private static boolean isLetter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }
}
