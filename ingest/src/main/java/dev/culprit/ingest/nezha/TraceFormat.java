package dev.culprit.ingest.nezha;

import dev.culprit.ingest.KubernetesNames;
import dev.culprit.ingest.dataset.CsvHeader;
import dev.culprit.ingest.dataset.RowFormat;
import dev.culprit.ingest.dataset.RowMapper;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.util.List;

/**
 * Rows of {@code HH_MM_trace.csv}: {@code TraceID,SpanID,ParentID,PodName,OperationName,
 * StartTimeUnixNano,EndTimeUnixNano,Duration}, one {@link Span} each. {@code Duration} is in
 * microseconds; without it the duration is taken from the end time. A {@code ParentID} of {@code
 * root} means no parent.
 */
final class TraceFormat implements RowFormat {

  @Override
  public RowMapper bind(CsvHeader header) {
    int end = header.index("EndTimeUnixNano");
    int duration = header.index("Duration");
    if (end < 0 && duration < 0) {
      throw new IllegalArgumentException(
          "Missing column Duration or EndTimeUnixNano in header " + header.names());
    }
    return new Bound(
        header.require("TraceID"),
        header.require("SpanID"),
        header.require("ParentID"),
        header.require("PodName"),
        header.index("OperationName"),
        header.require("StartTimeUnixNano"),
        end,
        duration);
  }

  private record Bound(
      int trace, int span, int parent, int pod, int operation, int start, int end, int duration)
      implements RowMapper {

    @Override
    public List<Signal> map(List<String> row) {
      long startNanos = Numbers.parseLong(row.get(start));
      if (startNanos <= 0) {
        throw new IllegalArgumentException("Invalid StartTimeUnixNano: " + startNanos);
      }
      String podName = row.get(pod);
      return List.of(
          new Span(
              new Resource(KubernetesNames.serviceOfPod(podName), podName, null),
              startNanos / 1_000_000,
              required(row, trace, "TraceID"),
              required(row, span, "SpanID"),
              parentOf(row.get(parent)),
              operation < 0 ? "" : row.get(operation),
              durationMicros(row, startNanos),
              Span.SpanKind.UNSPECIFIED,
              false,
              null));
    }

    private long durationMicros(List<String> row, long startNanos) {
      String micros = duration < 0 ? "" : row.get(duration);
      long value =
          micros.isEmpty()
              ? (Numbers.parseLong(row.get(end)) - startNanos) / 1_000
              : Numbers.parseLong(micros);
      if (value < 0) {
        throw new IllegalArgumentException("Invalid negative duration: " + value);
      }
      return value;
    }

    private static String parentOf(String id) {
      return id.isEmpty() || id.equals("root") ? null : id;
    }

    private static String required(List<String> row, int column, String name) {
      String value = row.get(column);
      if (value.isEmpty()) {
        throw new IllegalArgumentException("Empty " + name);
      }
      return value;
    }
  }
}
