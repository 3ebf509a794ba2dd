package dev.culprit.ingest.format;

import dev.culprit.model.LogEvent;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps OTLP log records: time from {@code timeUnixNano}, else {@code observedTimeUnixNano};
 * severity from {@code severityText} upper-cased (WARNING as WARN), else from {@code
 * severityNumber} by its ranges (TRACE, DEBUG, INFO, WARN, ERROR, FATAL); the body's string value,
 * or other values rendered as text; trace and span ids as lower-case hex.
 */
final class OtlpLogs {
  private static final String[] SEVERITY_RANGES = {
    "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"
  };

  private OtlpLogs() {}

  static List<Signal> events(ExportLogsServiceRequest request) {
    List<Signal> events = new ArrayList<>();
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      Resource resource = OtlpValues.resource(resourceLogs.getResource());
      for (ScopeLogs scope : resourceLogs.getScopeLogsList()) {
        for (LogRecord record : scope.getLogRecordsList()) {
          events.add(event(resource, record));
        }
      }
    }
    return events;
  }

  private static LogEvent event(Resource resource, LogRecord record) {
    long nanos =
        record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
    return new LogEvent(
        resource,
        OtlpValues.millis(nanos),
        severity(record.getSeverityText(), record.getSeverityNumberValue()),
        OtlpValues.render(record.getBody(), 0),
        Ids.hex(record.getTraceId()),
        Ids.hex(record.getSpanId()));
  }

  static String severity(String text, int number) {
    if (text != null && !text.isBlank()) {
      String upper = text.trim().toUpperCase(Locale.ROOT);
      return upper.equals("WARNING") ? "WARN" : upper;
    }
    if (number < 1 || number > 24) {
      return null;
    }
    return SEVERITY_RANGES[(number - 1) / 4];
  }
}
