package dev.culprit.ingest.log;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trace and span ids in log fields and log text, validated and written as lower-case hex.
 *
 * <p>A trace id is 32 or 16 hex digits (W3C and 64-bit B3/Zipkin), a span id 16, neither all zeros.
 * A field value may carry a path ({@code projects/p/traces/<id>}, Cloud Logging's form): its last
 * segment counts. Datadog's {@code dd.trace_id} and {@code dd.span_id} are unsigned decimal
 * numbers, written here as the 16 hex digits of their 64 bits (hex values are taken as they are). A
 * W3C {@code traceparent} is {@code vv-<trace>-<span>-ff} with version {@code vv} other than ff.
 *
 * <p>In text, within the first {@link #MAX_SCAN} characters: {@code TraceID: <hex>}, {@code
 * trace_id=<hex>}, {@code traceId="<hex>"} and the like ({@code trace} or {@code span}, an optional
 * space, {@code _}, {@code .} or {@code -}, {@code id}, then {@code :} or {@code =}, any case), a
 * traceparent, a Spring Sleuth/Micrometer bracket {@code [app,<trace>,<span>]} or {@code
 * [<trace>,<span>,true]}, or {@code [<trace>-<span>]}; the first valid one of each wins.
 */
final class TraceIds {
  static final int MAX_SCAN = 8192;
  private static final Pattern KEYED =
      Pattern.compile(
          "(?i)(?<![a-z0-9])(trace|span)[ _.-]?id[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?([0-9a-f]+)(?![\\w-])");
  private static final Pattern PARENT =
      Pattern.compile(
          "(?<![0-9a-f-])([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(?![0-9a-f-])");
  private static final Pattern BRACKET =
      Pattern.compile(
          "\\[(?:[\\w.-]{0,64},)?([0-9a-fA-F]{32}|[0-9a-fA-F]{16}),([0-9a-fA-F]{16})(?:,\\w{0,16})?\\]"
              + "|\\[([0-9a-f]{32})-([0-9a-f]{16})\\]");

  /** Ids found in text; either may be null. */
  record Found(String traceId, String spanId) {}

  private TraceIds() {}

  /** A valid trace id, lower-case, or null. */
  static String trace(String value) {
    String v = lastSegment(value);
    return v != null && (v.length() == 32 || v.length() == 16) ? hex(v) : null;
  }

  /** A valid span id, lower-case, or null. */
  static String span(String value) {
    String v = lastSegment(value);
    return v != null && v.length() == 16 ? hex(v) : null;
  }

  /** A Datadog id: an unsigned 64-bit decimal as 16 hex digits, else a valid hex id, or null. */
  static String datadog(String value, UnaryOperator<String> hex) {
    String v = value == null ? "" : value.strip();
    if (!v.isEmpty() && v.length() <= 20 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        long id = Long.parseUnsignedLong(v);
        return id == 0 ? null : String.format(Locale.ROOT, "%016x", id);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return hex.apply(v);
  }

  /** The trace id of a W3C traceparent, or null. */
  static String traceOfParent(String value) {
    Matcher m = parent(value);
    return m == null ? null : hex(m.group(2));
  }

  /** The span id of a W3C traceparent, or null. */
  static String spanOfParent(String value) {
    Matcher m = parent(value);
    return m == null ? null : hex(m.group(3));
  }

  /** The ids written in a line of text. */
  static Found inText(String text) {
    String t = text.length() > MAX_SCAN ? text.substring(0, MAX_SCAN) : text;
    String trace = null;
    String span = null;
    Matcher m = KEYED.matcher(t);
    while (m.find() && (trace == null || span == null)) {
      if (Character.toLowerCase(m.group(1).charAt(0)) == 't') {
        trace = trace != null ? trace : trace(m.group(2));
      } else {
        span = span != null ? span : span(m.group(2));
      }
    }
    if (trace == null || span == null) {
      Found other = brackets(t);
      trace = trace != null ? trace : other.traceId();
      span = span != null ? span : other.spanId();
    }
    return new Found(trace, span);
  }

  private static Found brackets(String t) {
    Matcher p = PARENT.matcher(t);
    while (p.find()) {
      if (!p.group(1).equals("ff") && hex(p.group(2)) != null && hex(p.group(3)) != null) {
        return new Found(hex(p.group(2)), hex(p.group(3)));
      }
    }
    Matcher b = BRACKET.matcher(t);
    while (b.find()) {
      String trace = trace(b.group(1) != null ? b.group(1) : b.group(3));
      String span = span(b.group(2) != null ? b.group(2) : b.group(4));
      if (trace != null && span != null) {
        return new Found(trace, span);
      }
    }
    return new Found(null, null);
  }

  private static Matcher parent(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = PARENT.matcher(value.strip());
    return m.matches() && !m.group(1).equals("ff") ? m : null;
  }

  private static String lastSegment(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    return v.substring(v.lastIndexOf('/') + 1);
  }

  /** Lower-case hex, or null when not hex or all zeros. */
  private static String hex(String v) {
    boolean zero = true;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.digit(c, 16) < 0 || c > 'f') {
        return null;
      }
      zero &= c == '0';
    }
    return zero ? null : v.toLowerCase(Locale.ROOT);
  }
}
