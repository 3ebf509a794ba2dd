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
 * (sum divided by count); points with a zero count or no sum are skipped. Points without a value,
 * flagged as having no recorded value, or with a non-finite value (Prometheus staleness markers)
 * are skipped. Point attributes are not kept: the model's sample has no labels.
 */
final class OtlpMetrics {
  private static final int NO_RECORDED_VALUE = 1;

  private OtlpMetrics() {}

  static List<Signal> samples(ExportMetricsServiceRequest request) {
    List<Signal> samples = new ArrayList<>();
    for (int r = 0; r < request.getResourceMetricsCount(); r++) {
      ResourceMetrics resourceMetrics = request.getResourceMetrics(r);
      Resource resource = OtlpValues.resource(resourceMetrics.getResource());
      for (int s = 0; s < resourceMetrics.getScopeMetricsCount(); s++) {
        ScopeMetrics scope = resourceMetrics.getScopeMetrics(s);
        for (int m = 0; m < scope.getMetricsCount(); m++) {
          String where = "resourceMetrics[" + r + "].scopeMetrics[" + s + "].metrics[" + m + "]";
          metric(resource, scope.getMetrics(m), where, samples);
        }
      }
    }
    return samples;
  }

  private static void metric(Resource resource, Metric metric, String where, List<Signal> out) {
    String name = metric.getName();
    if (name.isBlank()) {
      throw new FormatException(where + " has no name");
    }
    switch (metric.getDataCase()) {
      case GAUGE -> numbers(resource, name, metric.getGauge().getDataPointsList(), out);
      case SUM -> numbers(resource, name, metric.getSum().getDataPointsList(), out);
      case HISTOGRAM -> {
        for (var p : metric.getHistogram().getDataPointsList()) {
          average(resource, name, p.getTimeUnixNano(), p.hasSum(), p.getSum(), p.getCount(), out);
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        for (var p : metric.getExponentialHistogram().getDataPointsList()) {
          average(resource, name, p.getTimeUnixNano(), p.hasSum(), p.getSum(), p.getCount(), out);
        }
      }
      case SUMMARY -> {
        for (var p : metric.getSummary().getDataPointsList()) {
          average(resource, name, p.getTimeUnixNano(), true, p.getSum(), p.getCount(), out);
        }
      }
      case DATA_NOT_SET -> {}
    }
  }

  private static void numbers(
      Resource resource, String name, List<NumberDataPoint> points, List<Signal> out) {
    for (NumberDataPoint point : points) {
      if ((point.getFlags() & NO_RECORDED_VALUE) != 0) {
        continue;
      }
      double value =
          switch (point.getValueCase()) {
            case AS_DOUBLE -> point.getAsDouble();
            case AS_INT -> point.getAsInt();
            case VALUE_NOT_SET -> Double.NaN;
          };
      add(resource, name, point.getTimeUnixNano(), value, out);
    }
  }

  private static void average(
      Resource resource,
      String name,
      long timeUnixNano,
      boolean hasSum,
      double sum,
      long count,
      List<Signal> out) {
    if (hasSum && count != 0) {
      add(resource, name + ".avg", timeUnixNano, sum / unsigned(count), out);
    }
  }

  private static double unsigned(long count) {
    return count >= 0 ? count : Double.parseDouble(Long.toUnsignedString(count));
  }

  private static void add(
      Resource resource, String name, long timeUnixNano, double value, List<Signal> out) {
    if (Double.isFinite(value)) {
      out.add(new MetricSample(resource, OtlpValues.millis(timeUnixNano), name, value, null));
    }
  }
}
