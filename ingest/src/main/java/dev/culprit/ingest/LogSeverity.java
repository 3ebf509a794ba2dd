package dev.culprit.ingest;

import java.util.Set;

/** Finds the severity level written near the start of a log line. */
public final class LogSeverity {
  private static final Set<String> LEVELS =
      Set.of("FATAL", "ERROR", "WARN", "WARNING", "INFO", "DEBUG", "TRACE");
  private static final int MAX_WORDS = 5;
  private static final int MAX_CHARS = 120;

  private LogSeverity() {}

  /**
   * The first upper-case level word (FATAL, ERROR, WARN, WARNING, INFO, DEBUG, TRACE) among the
   * first five words of the line, with WARNING normalised to WARN; null if there is none. A word is
   * a maximal run of ASCII letters, so {@code [ERROR]} and {@code level:WARN} count but {@code
   * TraceID} does not.
   */
  public static String detect(String line) {
    int end = Math.min(line.length(), MAX_CHARS);
    int words = 0;
    int i = 0;
    while (i < end && words < MAX_WORDS) {
      if (!isLetter(line.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < line.length() && isLetter(line.charAt(i))) {
        i++;
      }
      words++;
      String word = line.substring(start, i);
      if (LEVELS.contains(word)) {
        return word.equals("WARNING") ? "WARN" : word;
      }
    }
    return null;
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
