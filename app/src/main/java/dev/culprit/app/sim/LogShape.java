package dev.culprit.app.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The shapes of the raw log lines the simulated services and nodes write, each as a common logging
 * stack writes it: JSON lines, logfmt, plain text with the trace in it, redis's own format and
 * syslog. A traced service writes the trace and span ids of the request it serves.
 */
enum LogShape {
  /** {@code {"ts":"...","level":"info","logger":"svc","msg":"...","trace_id":"...",...}}. */
  JSON,
  /** {@code ts=... level=info caller=svc msg="..." trace_id=... span_id=...}. */
  LOGFMT,
  /** {@code 2026-01-01 00:00:00.123 INFO [svc] message TraceID: ... SpanID: ...}. */
  PLAIN,
  /** {@code 1:M 01 Jan 2026 00:00:00.123 * message}. */
  REDIS,
  /** {@code Jan 1 00:00:00 host message}. */
  SYSLOG;

  private static final DateTimeFormatter PLAIN_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter REDIS_TIME =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SYSLOG_TIME =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * One raw line.
   *
   * @param time event time (epoch millis)
   * @param severity ERROR, WARN or INFO
   * @param source the service (or host, for syslog) writing it
   * @param message the message
   * @param stack a stack trace to attach, or null
   * @param traceId the trace being served, or null
   * @param spanId the span being served, or null
   */
  String render(
      long time,
      String severity,
      String source,
      String message,
      String stack,
      String traceId,
      String spanId) {
    Instant t = Instant.ofEpochMilli(time);
    String level = severity.toLowerCase(Locale.ROOT);
    return switch (this) {
      case JSON -> json(t, level, source, message, stack, traceId, spanId);
      case LOGFMT -> logfmt(t, level, source, message, stack, traceId, spanId);
      case PLAIN -> plain(t, severity, source, message, stack, traceId, spanId);
      case REDIS -> "1:M " + REDIS_TIME.format(t) + " " + redisLevel(severity) + " " + message;
      case SYSLOG -> SYSLOG_TIME.format(t) + " " + source + " " + message;
    };
  }

  private static String json(
      Instant t,
      String level,
      String source,
      String message,
      String stack,
      String traceId,
      String spanId) {
    StringBuilder b = new StringBuilder("{\"ts\":\"").append(t).append("\",\"level\":\"");
    b.append(level).append("\",\"logger\":\"").append(escape(source)).append("\",\"msg\":\"");
    b.append(escape(message)).append('"');
    if (stack != null) {
      b.append(",\"stacktrace\":\"").append(escape(stack)).append('"');
    }
    if (traceId != null) {
      b.append(",\"trace_id\":\"").append(traceId).append("\",\"span_id\":\"").append(spanId);
      b.append('"');
    }
    return b.append('}').toString();
  }

  private static String logfmt(
      Instant t,
      String level,
      String source,
      String message,
      String stack,
      String traceId,
      String spanId) {
    StringBuilder b = new StringBuilder("ts=").append(t).append(" level=");
    b.append(level.equals("warn") ? "warning" : level).append(" caller=").append(source);
    b.append(" msg=\"").append(escape(message)).append('"');
    if (stack != null) {
      b.append(" stack=\"").append(escape(stack)).append('"');
    }
    if (traceId != null) {
      b.append(" trace_id=").append(traceId).append(" span_id=").append(spanId);
    }
    return b.toString();
  }

  private static String plain(
      Instant t,
      String severity,
      String source,
      String message,
      String stack,
      String traceId,
      String spanId) {
    StringBuilder b = new StringBuilder(PLAIN_TIME.format(t)).append(' ');
    b.append(String.format(Locale.ROOT, "%-5s", severity)).append(" [").append(source).append("] ");
    b.append(message);
    if (traceId != null) {
      b.append(" TraceID: ").append(traceId).append(" SpanID: ").append(spanId);
    }
    if (stack != null) {
      b.append('\n').append(stack);
    }
    return b.toString();
  }

  private static char redisLevel(String severity) {
    return switch (severity) {
      case "ERROR", "WARN" -> '#';
      default -> '*';
    };
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
