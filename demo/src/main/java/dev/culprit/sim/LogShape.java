package dev.culprit.sim;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
    Line l =
        new Line(Instant.ofEpochMilli(time), severity, source, message, stack, traceId, spanId);
    return switch (this) {
      case JSON -> json(l);
      case LOGFMT -> logfmt(l);
      case PLAIN -> plain(l);
      case REDIS ->
          "1:M " + REDIS_TIME.format(l.time()) + " " + redisLevel(severity) + " " + message;
      case SYSLOG -> SYSLOG_TIME.format(l.time()) + " " + source + " " + message;
    };
  }

  private record Line(
      Instant time,
      String severity,
      String source,
      String message,
      String stack,
      String traceId,
      String spanId) {

    String level() {
      return severity.toLowerCase(Locale.ROOT);
    }
  }

  private static String json(Line l) {
    StringBuilder b = new StringBuilder("{\"ts\":\"").append(l.time()).append("\",\"level\":\"");
    b.append(l.level()).append("\",\"logger\":\"").append(escape(l.source()));
    b.append("\",\"msg\":\"").append(escape(l.message())).append('"');
    if (l.stack() != null) {
      b.append(",\"stacktrace\":\"").append(escape(l.stack())).append('"');
    }
    if (l.traceId() != null) {
      b.append(",\"trace_id\":\"").append(l.traceId()).append("\",\"span_id\":\"");
      b.append(l.spanId()).append('"');
    }
    return b.append('}').toString();
  }

  private static String logfmt(Line l) {
    StringBuilder b = new StringBuilder("ts=").append(l.time()).append(" level=");
    b.append(l.level().equals("warn") ? "warning" : l.level())
        .append(" caller=")
        .append(l.source());
    b.append(" msg=\"").append(escape(l.message())).append('"');
    if (l.stack() != null) {
      b.append(" stack=\"").append(escape(l.stack())).append('"');
    }
    if (l.traceId() != null) {
      b.append(" trace_id=").append(l.traceId()).append(" span_id=").append(l.spanId());
    }
    return b.toString();
  }

  private static String plain(Line l) {
    StringBuilder b = new StringBuilder(PLAIN_TIME.format(l.time())).append(' ');
    b.append(String.format(Locale.ROOT, "%-5s", l.severity())).append(" [").append(l.source());
    b.append("] ").append(l.message());
    if (l.traceId() != null) {
      b.append(" TraceID: ").append(l.traceId()).append(" SpanID: ").append(l.spanId());
    }
    if (l.stack() != null) {
      b.append('\n').append(l.stack());
    }
    return b.toString();
  }

  private static char redisLevel(String severity) {
    return switch (severity) {
      case "ERROR", "WARN" -> '#';
      default -> '*';
    };
  }

  private static char[] escape(String s) {
    return JsonStringEncoder.getInstance().quoteAsString(s);
  }
}
