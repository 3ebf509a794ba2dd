package dev.culprit.correlation.evidence;

import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.MetricClass;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Extracts scoreable features from an {@link EntityWindow}. */
final class Features {
  static final String TEMPLATE_PREFIX = "log:tpl:";
  static final String LATENCY_PREFIX = "latency of ";
  static final String MEAN_LATENCY = "mean span latency";
  static final String ERROR_LINES = "error log lines";

  private Features() {}

  static List<Feature> of(EntityWindow w) {
    List<Feature> out = new ArrayList<>();
    for (Map.Entry<String, EntityWindow.Stat> m : w.metrics.entrySet()) {
      out.add(
          new Feature(
              "metric:" + m.getKey(),
              SignalType.METRIC,
              EvidenceFamily.ofMetric(w.metricClasses.getOrDefault(m.getKey(), MetricClass.OTHER)),
              Feature.Kind.GAUGE,
              m.getValue().mean(),
              m.getKey(),
              null,
              1,
              false,
              null));
    }
    if (!w.operations.isEmpty()) {
      addTraceFeatures(w, out);
    }
    if (w.logs > 0) {
      addLogFeatures(w, out);
    }
    return out;
  }

  private static void addTraceFeatures(EntityWindow w, List<Feature> out) {
    long calls = 0;
    double millis = 0;
    for (Map.Entry<String, EntityWindow.OpStat> op : w.operations.entrySet()) {
      EntityWindow.OpStat s = op.getValue();
      calls += s.count;
      millis += s.sumMillis;
      out.add(
          new Feature(
              "trace:op:" + op.getKey() + ":latency",
              SignalType.TRACE,
              EvidenceFamily.TRACE_LATENCY,
              Feature.Kind.GAUGE,
              s.sumMillis / s.count,
              LATENCY_PREFIX + op.getKey(),
              null,
              s.count,
              false,
              null));
      out.add(
          new Feature(
              "trace:op:" + op.getKey() + ":errors",
              SignalType.TRACE,
              EvidenceFamily.TRACE_ERRORS,
              Feature.Kind.COUNT,
              s.errors,
              "errors of " + op.getKey(),
              null,
              s.count,
              true,
              null));
    }
    out.add(
        new Feature(
            "trace:latency",
            SignalType.TRACE,
            EvidenceFamily.TRACE_LATENCY,
            Feature.Kind.GAUGE,
            millis / calls,
            MEAN_LATENCY,
            null,
            calls,
            false,
            null));
  }

  private static void addLogFeatures(EntityWindow w, List<Feature> out) {
    out.add(
        new Feature(
            "log:errors",
            SignalType.LOG,
            EvidenceFamily.LOG_ERRORS,
            Feature.Kind.COUNT,
            w.errorLogs,
            ERROR_LINES,
            null,
            w.logs,
            true,
            null));
    for (Map.Entry<String, EntityWindow.TemplateStat> t : w.templates.entrySet()) {
      out.add(
          new Feature(
              TEMPLATE_PREFIX + t.getKey(),
              SignalType.LOG,
              LogTemplates.isErrorOrWarning(t.getValue().severity)
                  ? EvidenceFamily.LOG_ERRORS
                  : EvidenceFamily.LOG_PATTERN,
              Feature.Kind.COUNT,
              t.getValue().count,
              t.getValue().example,
              t.getValue().severity,
              w.logs,
              false,
              t.getValue().traceId));
    }
  }
}
