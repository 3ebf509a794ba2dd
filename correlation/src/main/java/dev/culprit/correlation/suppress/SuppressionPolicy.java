package dev.culprit.correlation.suppress;

import dev.culprit.model.Evidence;
import dev.culprit.model.Suppression;
import java.util.Locale;

/** Decides whether an item is held back, and says why. Plain Java; no Kafka. */
public final class SuppressionPolicy {
  private final SuppressionConfig config;

  public SuppressionPolicy(SuppressionConfig config) {
    this.config = config;
  }

  /** The decision for {@code e} in {@code context} under {@code model} (may be null), or null. */
  public Suppression decide(Evidence e, FeatureHistory.Context context, NoiseModel model) {
    if (!config.enabled()) {
      return null;
    }
    if (context.duplicate()) {
      return new Suppression(
          Suppression.Kind.DUPLICATE,
          "the same "
              + e.signal().label()
              + " evidence ("
              + e.feature()
              + ", same onset and window) was already seen",
          null,
          0,
          1,
          null);
    }
    if (context.startsLastHour() >= config.flapStarts()) {
      return new Suppression(
          Suppression.Kind.FLAPPING,
          String.format(
              Locale.ROOT,
              "flapping: %s on %s started %d times in the last hour",
              e.feature(),
              e.entity().name(),
              context.startsLastHour()),
          null,
          0,
          1,
          null);
    }
    if (model == null) {
      return null;
    }
    var assigned = model.assign(AlertFeatures.of(e, context));
    if (assigned.isEmpty()) {
      return null;
    }
    NoiseModel.Cluster c = assigned.get().cluster();
    if (c.support() < config.minSupport() || c.noiseRate() < config.minNoiseRate()) {
      return null;
    }
    // shrink the rate towards one half by the support the threshold asks for
    double confidence =
        (c.noise() + 0.5 * config.minSupport()) / (c.support() + (double) config.minSupport());
    return new Suppression(
        Suppression.Kind.CLUSTER,
        String.format(
            Locale.ROOT,
            "like %d past items of cluster %d (%s), %d%% of which led nowhere",
            c.support(),
            c.id(),
            c.summary(),
            Math.round(100 * c.noiseRate())),
        c.id(),
        c.noiseRate(),
        confidence,
        model.version());
  }
}
