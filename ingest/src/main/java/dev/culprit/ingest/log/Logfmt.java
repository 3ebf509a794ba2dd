package dev.culprit.ingest.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a logfmt line ({@code level=info msg="user \"ana\" logged in" trace_id=4bf9...}) into
 * {@link Fields}.
 *
 * <p>Tokens are separated by spaces. A token {@code key=value} is a field; the value is either bare
 * (up to the next space) or double-quoted, where {@code \"}, {@code \\}, {@code \n}, {@code \r} and
 * {@code \t} are escapes (another backslash is kept as written) and an unterminated quote runs to
 * the end of the line. A token without {@code =} is a bare word (kept in the text, no value). A key
 * starts with a letter, {@code _} or {@code @} and holds letters, digits and {@code _ . - / @}.
 *
 * <p>A line is logfmt when its first token is a field and it holds at least two fields, or its one
 * field is one that names a severity, message or trace ({@link LogFields#isKnown}); otherwise it
 * reads as null and the line is plain text.
 */
final class Logfmt {
  private Logfmt() {}

  /** The fields of a logfmt line, or null when the line is not logfmt. */
  static Fields read(String text) {
    int firstKey = keyEnd(text, 0);
    if (firstKey <= 0 || firstKey >= text.length() || text.charAt(firstKey) != '=') {
      return null;
    }
    List<Fields.Field> out = new ArrayList<>();
    int pairs = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        break;
      }
      if (out.size() == Fields.MAX_FIELDS - 1) {
        out.add(Fields.of("", null, text.substring(i)));
        break;
      }
      int start = i;
      int key = keyEnd(text, i);
      if (key > i && key < n && text.charAt(key) == '=') {
        StringBuilder value = new StringBuilder();
        i = value(text, key + 1, value);
        out.add(Fields.of(text.substring(start, key), value.toString(), text.substring(start, i)));
        pairs++;
      } else {
        i = wordEnd(text, i);
        out.add(Fields.of(text.substring(start, i), null, text.substring(start, i)));
      }
    }
    String first = out.getFirst().name();
    return pairs >= 2 || LogFields.isKnown(first) ? new Fields(out) : null;
  }

  /** The value as written in logfmt: bare, or quoted when it holds a space, quote or {@code =}. */
  static String quoteIfNeeded(String value) {
    boolean plain = !value.isEmpty();
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = c > ' ' && c != '"' && c != '=';
    }
    if (plain) {
      return value;
    }
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** End of the key starting at {@code i}, or {@code i} when none starts there. */
  private static int keyEnd(String text, int i) {
    if (i >= text.length() || !isKeyStart(text.charAt(i))) {
      return i;
    }
    int j = i + 1;
    while (j < text.length() && isKeyPart(text.charAt(j))) {
      j++;
    }
    return j;
  }

  private static int value(String text, int i, StringBuilder out) {
    int n = text.length();
    if (i >= n || text.charAt(i) != '"') {
      int end = wordEnd(text, i);
      out.append(text, i, end);
      return end;
    }
    int j = i + 1;
    while (j < n && text.charAt(j) != '"') {
      char c = text.charAt(j);
      if (c == '\\' && j + 1 < n) {
        out.append(unescape(text.charAt(j + 1)));
        j += 2;
      } else {
        out.append(c);
        j++;
      }
    }
    return Math.min(j + 1, n);
  }

  private static String unescape(char c) {
    return switch (c) {
      case '"' -> "\"";
      case '\\' -> "\\";
      case 'n' -> "\n";
      case 'r' -> "\r";
      case 't' -> "\t";
      default -> "\\" + c;
    };
  }

  private static int wordEnd(String text, int i) {
    int j = i;
    while (j < text.length() && text.charAt(j) != ' ') {
      j++;
    }
    return j;
  }

  private static boolean isKeyStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '@';
  }

  private static boolean isKeyPart(char c) {
    return isKeyStart(c) || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '/';
  }
}
