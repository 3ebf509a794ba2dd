package dev.culprit.ingest.format;

import dev.culprit.ingest.log.LogParser;
import dev.culprit.model.LogEvent;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps OTLP log records: time from {@code timeUnixNano}, else {@code observedTimeUnixNano}. The
 * body is parsed as a log line ({@link LogParser}): a string as it is, a map as the JSON object it
 * amounts to, other values rendered as text. The record's own severity ({@code severityText} as a
 * level word, else {@code severityNumber} by its ranges) and trace and span ids (lower-case hex)
 * win over what the body says; where the record leaves them unset (a Collector's filelog receiver
 * often does), the body's are used.
 */
final class OtlpLogs {

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
    return LogParser.parse(body(record.getBody()))
        .preferring(
            LogParser.severity(record.getSeverityText(), record.getSeverityNumberValue()),
            Ids.hex(record.getTraceId()),
            Ids.hex(record.getSpanId()))
        .toEvent(resource, OtlpValues.millis(nanos));
  }

  private static String body(AnyValue body) {
    return body.hasKvlistValue() ? OtlpValues.json(body) : OtlpValues.render(body, 0);
  }
}
