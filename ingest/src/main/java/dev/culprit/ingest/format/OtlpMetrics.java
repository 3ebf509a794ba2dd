package dev.culprit.ingest.format;

import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps OTLP metrics. Gauge and sum points become samples named as the metric, valued as a double.
 * Histograms, exponential histograms and summaries become one {@code <name>.avg} sample per point
 * (sum divided by count); points with a zero count or no sum carry no average and yield nothing, as
 * do points flagged as having no recorded value (how the Collector passes on Prometheus staleness
 * markers). A point whose value is missing, NaN or infinite is left out and named in the result's
 * {@link ParseResult.Parsed#skipped()}, so the record reaches the dead-letter topic with the
 * reason. Point attributes are not kept: the model's sample has no labels.
 */
final class OtlpMetrics {
  private static final int NO_RECORDED_VALUE = 1;

  private OtlpMetrics() {}

  static ParseResult.Parsed samples(ExportMetricsServiceRequest request) {
    List<Signal> samples = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int r = 0; r < request.getResourceMetricsCount(); r++) {
      ResourceMetrics resourceMetrics = request.getResourceMetrics(r);
      Resource resource = OtlpValues.resource(resourceMetrics.getResource());
      for (int s = 0; s < resourceMetrics.getScopeMetricsCount(); s++) {
        ScopeMetrics scope = resourceMetrics.getScopeMetrics(s);
        for (int m = 0; m < scope.getMetricsCount(); m++) {
          String where = "resourceMetrics[" + r + "].scopeMetrics[" + s + "].metrics[" + m + "]";
          Points points = new Points(resource, where, samples, skipped);
          points.metric(scope.getMetrics(m));
        }
      }
    }
    return new ParseResult.Parsed(samples, skipped);
  }

  /** The points of one metric, added to {@code out} or described in {@code skipped}. */
  private record Points(Resource resource, String where, List<Signal> out, List<String> skipped) {

    void metric(Metric metric) {
      String name = metric.getName();
      if (name.isBlank()) {
        throw new FormatException(where + " has no name");
      }
      switch (metric.getDataCase()) {
        case GAUGE -> numbers(name, metric.getGauge().getDataPointsList());
        case SUM -> numbers(name, metric.getSum().getDataPointsList());
        case HISTOGRAM -> {
          for (var p : metric.getHistogram().getDataPointsList()) {
            average(name, p.getTimeUnixNano(), p.hasSum(), p.getSum(), p.getCount());
          }
        }
        case EXPONENTIAL_HISTOGRAM -> {
          for (var p : metric.getExponentialHistogram().getDataPointsList()) {
            average(name, p.getTimeUnixNano(), p.hasSum(), p.getSum(), p.getCount());
          }
        }
        case SUMMARY -> {
          for (var p : metric.getSummary().getDataPointsList()) {
            average(name, p.getTimeUnixNano(), true, p.getSum(), p.getCount());
          }
        }
        case DATA_NOT_SET -> {}
      }
    }

    private void numbers(String name, List<NumberDataPoint> points) {
      for (NumberDataPoint point : points) {
        if ((point.getFlags() & NO_RECORDED_VALUE) != 0) {
          continue;
        }
        switch (point.getValueCase()) {
          case AS_DOUBLE -> add(name, point.getTimeUnixNano(), point.getAsDouble());
          case AS_INT -> add(name, point.getTimeUnixNano(), point.getAsInt());
          case VALUE_NOT_SET -> skipped.add(where + " (" + name + "): a point without a value");
        }
      }
    }

    private void average(String name, long timeUnixNano, boolean hasSum, double sum, long count) {
      if (hasSum && count != 0) {
        add(name + ".avg", timeUnixNano, sum / unsigned(count));
      }
    }

    private void add(String name, long timeUnixNano, double value) {
      if (Double.isFinite(value)) {
        out.add(new MetricSample(resource, OtlpValues.millis(timeUnixNano), name, value, null));
      } else {
        skipped.add(where + " (" + name + "): a point whose value is " + value);
      }
    }
  }

  private static double unsigned(long count) {
    return count >= 0 ? count : Double.parseDouble(Long.toUnsignedString(count));
  }
}
