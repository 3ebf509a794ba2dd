package dev.culprit.correlation.evidence;

/**
 * Cheap necessary conditions for the patterns of {@link LogTemplates}: each returns false only when
 * its pattern cannot match the line, so a caller may skip the pattern then.
 */
final class LineScan {
  private LineScan() {}

  /** {@code ^\s*\[?\d}: after leading whitespace, a digit or an opening bracket. */
  static boolean mayStartWithTime(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isRegexSpace(c)) {
        return c == '[' || isDigit(c);
      }
    }
    return false;
  }

  /** A source location needs {@code #} before a digit, or a letter, {@code :} and a digit. */
  static boolean mayNameLocation(String s) {
    for (int i = 1; i + 1 < s.length(); i++) {
      char c = s.charAt(i);
      if ((c == '#' || (c == ':' && isAsciiLetter(s.charAt(i - 1)))) && isDigit(s.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** A UUID is 36 characters with dashes. */
  static boolean mayHoldUuid(String s) {
    return s.length() >= 36 && s.indexOf('-') >= 0;
  }

  /** An IP needs a dot between two digits. */
  static boolean mayHoldIp(String s) {
    for (int i = 1; i + 1 < s.length(); i++) {
      if (s.charAt(i) == '.' && isDigit(s.charAt(i - 1)) && isDigit(s.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** A hex id needs eight hex digits in a row. */
  static boolean mayHoldHex(String s) {
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = isHex(s.charAt(i)) ? run + 1 : 0;
      if (run >= 8) {
        return true;
      }
    }
    return false;
  }

  static boolean mayHoldQuote(String s) {
    return s.indexOf('\'') >= 0 || s.indexOf('"') >= 0;
  }

  static boolean mayHoldDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@code \s+} changes the line unless every whitespace character is a lone space. */
  static boolean mayHoldSpaceRun(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isRegexSpace(c) && (c != ' ' || (i + 1 < s.length() && isRegexSpace(s.charAt(i + 1))))) {
        return true;
      }
    }
    return false;
  }

  /** {@code \s} of java.util.regex: {@code [ \t\n\x0B\f\r]}. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
