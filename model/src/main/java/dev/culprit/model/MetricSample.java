package dev.culprit.model;

import java.util.Objects;

/** One sample of a gauge-like metric about an entity. */
public record MetricSample(
    Resource resource, long time, String name, double value, MetricClass metricClass)
    implements Signal {

  public MetricSample {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(name, "name");
    name = Limits.clip(name, Limits.FEATURE_CHARS);
    if (metricClass == null) {
      metricClass = MetricClass.infer(name);
    }
  }

  @Override
  public SignalType type() {
    return SignalType.METRIC;
  }
}
