package dev.culprit.correlation.evidence;

import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.SignalType;

/**
 * One observed feature of an entity window.
 *
 * @param name stable feature name, e.g. {@code metric:CpuUsageRate(%)} or {@code log:tpl:ERROR ...}
 * @param signal the modality
 * @param family what the feature measures (see {@link EvidenceFamily})
 * @param kind gauge (a level) or count (events per window)
 * @param value the value in the window
 * @param label what a person reads: the metric, operation or template
 * @param severity log severity for templates, else null
 * @param support observations behind the value: calls for latencies, the entity's log lines in the
 *     window for templates, 1 otherwise
 * @param zeroPrior whether absence is the healthy state (error counts): a short history is padded
 *     with zeros instead of waiting for it to fill
 * @param traceId a trace the feature was seen in (the example line of a template), else null
 */
record Feature(
    String name,
    SignalType signal,
    EvidenceFamily family,
    Kind kind,
    double value,
    String label,
    String severity,
    double support,
    boolean zeroPrior,
    String traceId) {

  enum Kind {
    GAUGE,
    COUNT
  }

  boolean isTemplate() {
    return name.startsWith(Features.TEMPLATE_PREFIX);
  }
}
