package dev.culprit.ingest.nezha;

import dev.culprit.ingest.KubernetesNames;
import dev.culprit.ingest.dataset.CsvHeader;
import dev.culprit.ingest.dataset.EventTimes;
import dev.culprit.ingest.dataset.RowFormat;
import dev.culprit.ingest.dataset.RowMapper;
import dev.culprit.ingest.log.LogParser;
import dev.culprit.model.LogEvent;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.util.List;

/**
 * Rows of {@code HH_MM_log.csv}: {@code Timestamp,TimeUnixNano,Node,PodName,Container,TraceID,
 * SpanID,Log}, one {@link LogEvent} each. {@code Log} is a log line ({@link LogParser}; in the
 * Nezha data a Docker json-file line, holding plain text on one system and a JSON object on the
 * other); the {@code TraceID} and {@code SpanID} columns, where not empty, win over the ids the
 * line names. The time is {@code TimeUnixNano}, or {@code Timestamp} where that is not positive
 * (the data holds overflowed values).
 */
final class LogFormat implements RowFormat {

  @Override
  public RowMapper bind(CsvHeader header) {
    int timestamp = header.index("Timestamp");
    int nanos = header.index("TimeUnixNano");
    if (timestamp < 0 && nanos < 0) {
      throw new IllegalArgumentException(
          "Missing column TimeUnixNano or Timestamp in header " + header.names());
    }
    return new Bound(
        timestamp,
        nanos,
        header.index("Node"),
        header.require("PodName"),
        header.index("TraceID"),
        header.index("SpanID"),
        header.require("Log"));
  }

  private record Bound(int timestamp, int nanos, int node, int pod, int trace, int span, int log)
      implements RowMapper {

    @Override
    public List<Signal> map(List<String> row) {
      String podName = row.get(pod);
      Resource resource =
          new Resource(KubernetesNames.serviceOfPod(podName), podName, optional(row, node));
      return List.of(
          LogParser.parse(row.get(log))
              .preferring(null, optional(row, trace), optional(row, span))
              .toEvent(resource, millis(row)));
    }

    private long millis(List<String> row) {
      String text = nanos < 0 ? "" : row.get(nanos);
      long value = text.isEmpty() ? 0 : Numbers.parseLong(text);
      if (value > 0) {
        return value / 1_000_000;
      }
      if (timestamp < 0) {
        throw new IllegalArgumentException("Invalid TimeUnixNano: " + text);
      }
      return EventTimes.parseUtcMillis(row.get(timestamp));
    }

    private static String optional(List<String> row, int column) {
      if (column < 0 || row.get(column).isEmpty()) {
        return null;
      }
      return row.get(column);
    }
  }
}
