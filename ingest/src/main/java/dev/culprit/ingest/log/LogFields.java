package dev.culprit.ingest.log;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the fields of a structured log layer say, by field name. Names are matched
 * case-insensitively against the dotted path; in every list the first field present with a usable
 * value wins.
 *
 * <ul>
 *   <li><b>Severity</b>: {@code level}, {@code severity}, {@code lvl}, {@code loglevel}, {@code
 *       log_level}, {@code log.level}, {@code levelname}, {@code level_name}, {@code severityText},
 *       {@code severity_text}, {@code @l}, {@code severityNumber}, {@code severity_number} (the
 *       last two as OTLP severity numbers), then {@code status} when its value is a level word.
 *       Values as {@link Severities#value}.
 *   <li><b>Message</b>: {@code msg}, {@code message}, {@code log}, {@code event}, {@code text},
 *       {@code body}, {@code @m}, {@code @mt}; a string value only.
 *   <li><b>Trace id</b>: {@code trace_id}, {@code traceId}, {@code trace.id}, {@code trace-id},
 *       {@code dd.trace_id}, {@code logging.googleapis.com/trace}, {@code x-b3-traceid}, {@code
 *       otelTraceID}, also as the last segment of a nested path ({@code mdc.traceId}); else the
 *       trace part of a W3C {@code traceparent}. <b>Span id</b> likewise from {@code span_id},
 *       {@code spanId}, {@code span.id}, {@code span-id}, {@code dd.span_id}, {@code
 *       logging.googleapis.com/spanId}, {@code x-b3-spanid}, {@code otelSpanID} or {@code
 *       traceparent}. Values as {@link TraceIds}.
 *   <li><b>Source</b>, the statement's location or logger: {@code caller}, {@code source} (a
 *       string), then file and line pairs ({@code source.file}/{@code source.line}, {@code
 *       file}/{@code line}, {@code filename}/{@code lineno}, {@code log.origin.file.name}/{@code
 *       log.origin.file.line}, {@code code.filepath}/{@code code.lineno}) written {@code
 *       file:line}, then logger names {@code logger}, {@code logger_name}, {@code loggerName},
 *       {@code log.logger}, {@code name}.
 * </ul>
 */
final class LogFields {
  static final List<String> SEVERITY =
      List.of(
          "level",
          "severity",
          "lvl",
          "loglevel",
          "log_level",
          "log.level",
          "levelname",
          "level_name",
          "severitytext",
          "severity_text",
          "@l");
  static final List<String> OTLP_SEVERITY = List.of("severitynumber", "severity_number");
  static final String STATUS = "status";
  static final List<String> MESSAGE =
      List.of("msg", "message", "log", "event", "text", "body", "@m", "@mt");
  static final List<String> TRACE =
      List.of(
          "trace_id",
          "traceid",
          "trace.id",
          "trace-id",
          "dd.trace_id",
          "logging.googleapis.com/trace",
          "x-b3-traceid",
          "oteltraceid");
  static final List<String> SPAN =
      List.of(
          "span_id",
          "spanid",
          "span.id",
          "span-id",
          "dd.span_id",
          "logging.googleapis.com/spanid",
          "x-b3-spanid",
          "otelspanid");
  static final String TRACEPARENT = "traceparent";
  static final List<String> LOCATION = List.of("caller", "source");
  static final List<List<String>> FILE_LINE =
      List.of(
          List.of("source.file", "source.line"),
          List.of("file", "line"),
          List.of("filename", "lineno"),
          List.of("log.origin.file.name", "log.origin.file.line"),
          List.of("code.filepath", "code.lineno"));
  static final List<String> LOGGER =
      List.of("logger", "logger_name", "loggername", "log.logger", "name");
  static final List<String> TIME =
      List.of("time", "timestamp", "ts", "@t", "@timestamp", "datetime", "asctime", "stream");
  private static final int MAX_SOURCE = 200;
  private static final Set<String> KNOWN = known();
  private static final Set<String> SIGNIFICANT = significant();

  private LogFields() {}

  /** Whether a (lower-case) field name names a severity, message, trace or span. */
  static boolean isKnown(String name) {
    return SIGNIFICANT.contains(name);
  }

  /** The severity the fields name, or null. */
  static String severity(Fields f) {
    for (String name : SEVERITY) {
      String s = Severities.value(value(f.get(name)), false);
      if (s != null) {
        return s;
      }
    }
    for (String name : OTLP_SEVERITY) {
      String s = Severities.value(value(f.get(name)), true);
      if (s != null) {
        return s;
      }
    }
    String status = value(f.get(STATUS));
    return status == null ? null : Severities.word(status.trim());
  }

  /** The message field, or null. */
  static Fields.Field message(Fields f) {
    for (String name : MESSAGE) {
      Fields.Field field = f.get(name);
      if (field != null) {
        return field;
      }
    }
    return null;
  }

  /** The trace id the fields name, or null. */
  static String traceId(Fields f) {
    String id = id(f, TRACE, TraceIds::trace);
    return id != null ? id : TraceIds.traceOfParent(value(f.get(TRACEPARENT)));
  }

  /** The span id the fields name, or null. */
  static String spanId(Fields f) {
    String id = id(f, SPAN, TraceIds::span);
    return id != null ? id : TraceIds.spanOfParent(value(f.get(TRACEPARENT)));
  }

  /** The statement's location or logger, or null. */
  static String source(Fields f) {
    String s = first(f, LOCATION);
    if (s == null) {
      for (List<String> pair : FILE_LINE) {
        String file = value(f.get(pair.get(0)));
        String line = value(f.get(pair.get(1)));
        if (file != null && !file.isBlank() && line != null && !line.isBlank()) {
          s = file + ":" + line;
          break;
        }
      }
    }
    s = s != null ? s : first(f, LOGGER);
    return s == null || s.isBlank() || s.length() > MAX_SOURCE ? null : s.strip();
  }

  /** The names to leave out when a layer without a message is rendered as its other fields. */
  static Set<String> notMessage() {
    return KNOWN;
  }

  private static String id(Fields f, List<String> names, UnaryOperator<String> valid) {
    for (String name : names) {
      String id = id(name, value(f.get(name)), valid);
      if (id != null) {
        return id;
      }
    }
    for (String name : names) {
      String id = id(name, value(f.leaf(name)), valid);
      if (id != null) {
        return id;
      }
    }
    return null;
  }

  private static String id(String name, String value, UnaryOperator<String> valid) {
    return name.startsWith("dd.") ? TraceIds.datadog(value, valid) : valid.apply(value);
  }

  private static String first(Fields f, List<String> names) {
    for (String name : names) {
      String v = value(f.get(name));
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String value(Fields.Field field) {
    return field == null ? null : field.value();
  }

  private static Set<String> significant() {
    Set<String> names = new HashSet<>();
    names.addAll(SEVERITY);
    names.addAll(OTLP_SEVERITY);
    names.addAll(MESSAGE);
    names.addAll(TRACE);
    names.addAll(SPAN);
    names.add(TRACEPARENT);
    return Set.copyOf(names);
  }

  private static Set<String> known() {
    Set<String> names = new HashSet<>(significant());
    names.addAll(LOCATION);
    FILE_LINE.forEach(names::addAll);
    names.addAll(LOGGER);
    names.addAll(TIME);
    return Set.copyOf(names);
  }
}
