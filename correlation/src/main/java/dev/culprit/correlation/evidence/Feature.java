package dev.culprit.correlation.evidence;

import dev.culprit.model.SignalType;

/**
 * One observed feature of an entity window.
 *
 * @param name stable feature name, e.g. {@code metric:CpuUsageRate(%)} or {@code log:tpl:ERROR ...}
 * @param signal the modality
 * @param kind gauge (a level) or count (events per window)
 * @param value the value in the window
 * @param label what a person reads: the metric, operation or template
 * @param severity log severity for templates, else null
 */
record Feature(
    String name, SignalType signal, Kind kind, double value, String label, String severity) {

  enum Kind {
    GAUGE,
    COUNT
  }

  boolean isTemplate() {
    return name.startsWith(Features.TEMPLATE_PREFIX);
  }
}
