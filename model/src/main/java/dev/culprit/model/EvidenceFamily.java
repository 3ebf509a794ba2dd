package dev.culprit.model;

import java.util.Locale;

/**
 * What a piece of evidence measures, set by the detector that found it: latency, errors or resource
 * use in metrics; latency or errors in traces; error lines, expected lines gone missing, or a shift
 * in the mix of other log lines; an alert; the network time of calls into and out of an entity. Two
 * items of one family are two readings of one observation (the p90 and p99 of one latency, two slow
 * operations); items of different families are independent lines of evidence, and a fault usually
 * trips several of them at its own entity while noise trips one.
 */
public enum EvidenceFamily {
  METRIC_LATENCY,
  METRIC_ERRORS,
  METRIC_RESOURCE,
  TRACE_LATENCY,
  TRACE_ERRORS,
  LOG_ERRORS,
  LOG_MISSING,
  LOG_PATTERN,
  ALERT,
  NETWORK;

  /** The family of a metric of class {@code c}: latency, errors, else resource use. */
  public static EvidenceFamily ofMetric(MetricClass c) {
    return switch (c == null ? MetricClass.OTHER : c) {
      case LATENCY -> METRIC_LATENCY;
      case ERRORS -> METRIC_ERRORS;
      case RESOURCE, THROUGHPUT, OTHER -> METRIC_RESOURCE;
    };
  }

  /**
   * The family of evidence written before families were a field of {@link Evidence} (records on
   * topics and in stores of earlier versions), read from its signal and the feature names those
   * versions gave: metric names by {@link MetricClass#infer}, trace latencies by their {@code
   * latency of} or {@code mean span latency} label, log templates by the severity their key starts
   * with. New evidence always carries the family its detector set.
   */
  public static EvidenceFamily legacy(SignalType signal, String feature) {
    return switch (signal) {
      case ALERT -> ALERT;
      case METRIC -> ofMetric(MetricClass.infer(feature));
      case TRACE -> legacyTrace(feature);
      case LOG -> legacyLog(feature);
    };
  }

  private static EvidenceFamily legacyTrace(String feature) {
    if (feature.startsWith("network time")) {
      return NETWORK;
    }
    return feature.startsWith("latency of ") || feature.equals("mean span latency")
        ? TRACE_LATENCY
        : TRACE_ERRORS;
  }

  private static EvidenceFamily legacyLog(String feature) {
    if (feature.startsWith("expected log lines missing")) {
      return LOG_MISSING;
    }
    if (feature.equals("error log lines")) {
      return LOG_ERRORS;
    }
    int space = feature.indexOf(' ');
    String s = (space < 0 ? feature : feature.substring(0, space)).toUpperCase(Locale.ROOT);
    return s.startsWith("ERR")
            || s.equals("FATAL")
            || s.equals("CRITICAL")
            || s.equals("SEVERE")
            || s.startsWith("WARN")
        ? LOG_ERRORS
        : LOG_PATTERN;
  }
}
