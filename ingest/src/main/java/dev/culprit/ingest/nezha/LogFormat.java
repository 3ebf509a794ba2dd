package dev.culprit.ingest.nezha;

import dev.culprit.ingest.DockerLogLine;
import dev.culprit.ingest.KubernetesNames;
import dev.culprit.ingest.LogSeverity;
import dev.culprit.ingest.dataset.CsvHeader;
import dev.culprit.ingest.dataset.EventTimes;
import dev.culprit.ingest.dataset.RowFormat;
import dev.culprit.ingest.dataset.RowMapper;
import dev.culprit.model.LogEvent;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.util.List;

/**
 * Rows of {@code HH_MM_log.csv}: {@code Timestamp,TimeUnixNano,Node,PodName,Container,TraceID,
 * SpanID,Log}, one {@link LogEvent} each. {@code Log} is a Docker json-file line whose {@code log}
 * text becomes the body. The time is {@code TimeUnixNano}, or {@code Timestamp} where that is not
 * positive (the data holds overflowed values).
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
      String body = DockerLogLine.body(row.get(log));
      return List.of(
          new LogEvent(
              new Resource(KubernetesNames.serviceOfPod(podName), podName, optional(row, node)),
              millis(row),
              LogSeverity.detect(body),
              body,
              optional(row, trace),
              optional(row, span)));
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
