package dev.culprit.ingest.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a log line of any common shape into severity, message and trace and span ids. Every log
 * path (dataset readers, OTLP logs) parses through here, so templates are mined on the message
 * whatever the shape of the line around it.
 *
 * <p>A line is unwrapped layer by layer, at most {@link #MAX_LAYERS} deep:
 *
 * <ul>
 *   <li>a CRI-O/containerd line ({@code 2026-01-01T00:00:00.000Z stdout F message}) gives its
 *       message;
 *   <li>a JSON object ({@link JsonLayer}) or a logfmt line ({@link Logfmt}), also after leading
 *       timestamps, is a structured layer: {@link LogFields} finds its severity, trace and span ids
 *       and source, and its message field is unwrapped next. Docker's json-file line ({@code
 *       {"log":"...","stream":..,"time":..}}) is such a layer whose message is {@code log}, so a
 *       JSON or logfmt line inside it is read too. A layer without a message field ends the
 *       unwrapping with its other fields as the message ({@code key=value ...}, leaving out those
 *       {@link LogFields} reads and times);
 *   <li>anything else is the message.
 * </ul>
 *
 * <p>A value found in an inner layer beats one found in an outer layer. When no structured layer
 * names a severity, the message is read as plain text ({@link TextLayer}): its header gives the
 * severity and is cut from the message; otherwise the message is left as written. Trace and span
 * ids no layer names are looked for in the message text ({@link TraceIds#inText}). Where a layer
 * names the statement's source (a {@code caller}, {@code file:line} or logger) that the message
 * does not already hold, it is put before the message, so the template miner tells statements apart
 * by it ({@code handler.go:57 request done}).
 *
 * <p>Parsing never throws; its time and memory are linear in the line's length.
 */
public final class LogParser {
  static final int MAX_LAYERS = 4;
  private static final Pattern CRI =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T[\\d:.]+(?:Z|[+-]\\d{2}:?\\d{2})? (?:stdout|stderr) [FP] ?");

  private LogParser() {}

  /** Parses one log line; null reads as an empty line. */
  public static ParsedLog parse(String line) {
    Layers layers = unwrap(stripLineBreaks(line == null ? "" : line));
    String message = layers.text;
    String severity = layers.severity;
    if (severity == null) {
      TextLayer.Header header = TextLayer.parse(message);
      severity = header.severity();
      message = header.message();
    }
    String traceId = layers.traceId;
    String spanId = layers.spanId;
    if (traceId == null || spanId == null) {
      TraceIds.Found found = TraceIds.inText(message);
      traceId = traceId != null ? traceId : found.traceId();
      spanId = spanId != null ? spanId : found.spanId();
    }
    if (layers.source != null && !message.contains(layers.source)) {
      message = layers.source + " " + message;
    }
    return new ParsedLog(severity, message, traceId, spanId);
  }

  private static Layers unwrap(String line) {
    Layers layers = new Layers(line);
    for (int depth = 0; depth < MAX_LAYERS; depth++) {
      Matcher cri = CRI.matcher(layers.text);
      if (cri.lookingAt()) {
        layers.text = stripLineBreaks(layers.text.substring(cri.end()));
        continue;
      }
      Fields fields = structured(layers.text);
      if (fields == null || !layers.enter(fields)) {
        break;
      }
    }
    return layers;
  }

  /** What the layers unwrapped so far say; an inner layer's values replace an outer one's. */
  private static final class Layers {
    String text;
    String severity;
    String traceId;
    String spanId;
    String source;

    Layers(String text) {
      this.text = text;
    }

    /** Takes in a structured layer; false when it has no message to unwrap further. */
    boolean enter(Fields fields) {
      severity = innerFirst(LogFields.severity(fields), severity);
      traceId = innerFirst(LogFields.traceId(fields), traceId);
      spanId = innerFirst(LogFields.spanId(fields), spanId);
      source = innerFirst(LogFields.source(fields), source);
      Fields.Field message = LogFields.message(fields);
      if (message == null) {
        String rest = fields.rest(LogFields.notMessage());
        text = rest.isBlank() ? text : rest;
        return false;
      }
      text = stripLineBreaks(message.value());
      return true;
    }
  }

  /**
   * A severity given apart from the line (an OTLP record's {@code severityText}, else its {@code
   * severityNumber} 1–24), normalised as field values are; null when neither names a level.
   */
  public static String severity(String text, int otlpNumber) {
    String s = Severities.value(text, false);
    return s != null ? s : Severities.otlp(otlpNumber);
  }

  private static Fields structured(String text) {
    Fields fields = readStructured(text);
    if (fields != null) {
      return fields;
    }
    int afterTime = TextLayer.skipTimestamps(text, 0);
    return afterTime > 0 ? readStructured(text.substring(afterTime)) : null;
  }

  private static Fields readStructured(String text) {
    Fields json = JsonLayer.read(text);
    return json != null ? json : Logfmt.read(text);
  }

  private static String innerFirst(String inner, String outer) {
    return inner != null ? inner : outer;
  }

  private static String stripLineBreaks(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }
}
