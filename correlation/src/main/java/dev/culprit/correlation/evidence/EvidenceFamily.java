package dev.culprit.correlation.evidence;

import dev.culprit.model.Evidence;
import dev.culprit.model.MetricClass;
import java.util.Locale;

/**
 * What a piece of evidence measures, by the detector that found it: latency, errors or resource use
 * in metrics; latency or errors in traces; error lines, expected lines gone missing, or a shift in
 * the mix of other log lines. Two items of one family are two readings of one observation (the p90
 * and p99 of one latency, two slow operations); the network time of calls into and out of an entity
 * ({@link NetworkTime}) is a family of its own; items of different families are independent lines
 * of evidence, and a fault usually trips several of them at its own entity while noise trips one.
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

  /** The family of {@code e}. */
  public static EvidenceFamily of(Evidence e) {
    return switch (e.signal()) {
      case ALERT -> ALERT;
      case METRIC -> metric(e.feature());
      case TRACE -> trace(e.feature());
      case LOG -> log(e.feature());
    };
  }

  /**
   * Metric names are the user's: latency and error metrics by {@link MetricClass#infer} (the common
   * naming conventions); everything else (CPU, memory, network, disk, workload) is resource use.
   */
  private static EvidenceFamily metric(String feature) {
    return switch (MetricClass.infer(feature)) {
      case LATENCY -> METRIC_LATENCY;
      case ERRORS -> METRIC_ERRORS;
      case RESOURCE, THROUGHPUT, OTHER -> METRIC_RESOURCE;
    };
  }

  /** Trace features are Culprit's own: latencies by operation or overall, else error counts. */
  private static EvidenceFamily trace(String feature) {
    if (feature.equals(ErrorOriginProcessor.NETWORK_FEATURE)) {
      return NETWORK;
    }
    return feature.startsWith(Features.LATENCY_PREFIX) || feature.equals(Features.MEAN_LATENCY)
        ? TRACE_LATENCY
        : TRACE_ERRORS;
  }

  /**
   * Log features are Culprit's own: missing lines by span, the error line count, and templates,
   * whose key starts with their severity ({@link TemplateMiner}).
   */
  private static EvidenceFamily log(String feature) {
    if (feature.equals(ErrorOriginProcessor.MISSING_FEATURE)) {
      return LOG_MISSING;
    }
    if (feature.equals(Features.ERROR_LINES)) {
      return LOG_ERRORS;
    }
    int space = feature.indexOf(' ');
    String severity = space < 0 ? feature : feature.substring(0, space);
    return LogTemplates.isError(severity) || severity.toUpperCase(Locale.ROOT).startsWith("WARN")
        ? LOG_ERRORS
        : LOG_PATTERN;
  }
}
