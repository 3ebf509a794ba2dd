package dev.culprit.correlation.suppress;

import java.nio.file.Path;

/**
 * Settings of suppression.
 *
 * @param enabled whether any item may be suppressed at all ({@code --no-suppression} turns it off)
 * @param model the noise model file, or null to suppress only duplicates and flapping
 * @param minNoiseRate a cluster suppresses only when at least this share of its history was noise
 * @param minSupport a cluster suppresses only when it holds at least this many historical items
 * @param flapStarts an entity's feature that started this many times within an hour is flapping
 */
public record SuppressionConfig(
    boolean enabled, Path model, double minNoiseRate, int minSupport, int flapStarts) {

  public SuppressionConfig {
    if (minNoiseRate < 0 || minNoiseRate > 1) {
      throw new IllegalArgumentException("minNoiseRate must be within 0..1");
    }
    if (minSupport < 1 || flapStarts < 2) {
      throw new IllegalArgumentException("minSupport must be at least 1 and flapStarts 2");
    }
  }

  /** Suppression on, without a model: duplicates and flapping only. */
  public static SuppressionConfig defaults() {
    return new SuppressionConfig(true, null, 0.9, 20, 6);
  }

  /** Nothing is suppressed. */
  public static SuppressionConfig off() {
    return new SuppressionConfig(false, null, 0.9, 20, 6);
  }

  public SuppressionConfig withModel(Path file) {
    return new SuppressionConfig(enabled, file, minNoiseRate, minSupport, flapStarts);
  }

  public SuppressionConfig withEnabled(boolean on) {
    return new SuppressionConfig(on, model, minNoiseRate, minSupport, flapStarts);
  }
}
