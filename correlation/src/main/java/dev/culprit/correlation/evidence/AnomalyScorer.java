package dev.culprit.correlation.evidence;

import dev.culprit.model.Evidence;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores an entity window against the entity's history and learns from it. Gauges are scored by a
 * robust z-score (median and MAD, with a floor of a tenth of the median); counts by the same with a
 * Poisson floor. A log template never seen before is evidence by itself once the entity has enough
 * log history; a frequent template that goes missing is evidence of absent behaviour.
 */
public final class AnomalyScorer {
  private final EvidenceConfig config;

  public AnomalyScorer(EvidenceConfig config) {
    this.config = config;
  }

  /** Scores {@code w} against {@code b}, then adds {@code w} to {@code b}. */
  List<Evidence> scoreAndLearn(EntityWindow w, Baseline b) {
    List<Evidence> out = new ArrayList<>();
    List<Feature> features = Features.of(w);
    Set<String> seen = new HashSet<>();
    for (Feature f : features) {
      seen.add(f.name());
      Baseline.History h = b.features.get(f.name());
      if (h == null) {
        newFeature(w, b, f, out);
        h = new Baseline.History(config.history());
        b.features.put(f.name(), h);
      } else {
        scoreKnown(w, f, h, out);
      }
      h.add(f.value(), w.end);
    }
    if (w.logs > 0) {
      missingTemplates(w, b, seen, out);
      b.logWindows++;
    }
    b.windows++;
    evictOldFeatures(b);
    out.sort(Comparator.comparingDouble(Evidence::score).reversed());
    return out;
  }

  private void scoreKnown(EntityWindow w, Feature f, Baseline.History h, List<Evidence> out) {
    if (h.size < config.minHistory()) {
      return;
    }
    double[] values = h.values();
    double median = RobustStats.median(values);
    double mad = RobustStats.mad(values, median);
    double score = score(f.kind(), f.value(), median, mad);
    if (score >= config.threshold()) {
      if (h.anomalousSince < 0) {
        h.anomalousSince = w.start;
      }
      out.add(evidence(w, f, score, median, h.anomalousSince));
    } else {
      h.anomalousSince = -1;
    }
  }

  static double score(Feature.Kind kind, double x, double median, double mad) {
    double floor =
        kind == Feature.Kind.COUNT
            ? Math.sqrt(Math.abs(median)) + 1
            : Math.max(0.1 * Math.abs(median), 1e-6);
    return Math.abs(x - median) / Math.max(1.4826 * mad, floor);
  }

  private void newFeature(EntityWindow w, Baseline b, Feature f, List<Evidence> out) {
    if (!f.isTemplate() || b.logWindows < config.minHistory()) {
      return;
    }
    double base = severityWeight(f.severity());
    double score = base + Math.log(1 + f.value()) / Math.log(2) / 2;
    if (score >= config.threshold()) {
      out.add(
          new Evidence(
              w.resource,
              SignalType.LOG,
              f.name().substring(Features.TEMPLATE_PREFIX.length()),
              score,
              f.value(),
              0,
              Evidence.Direction.NEW,
              w.start,
              w.end,
              "new log template (" + (long) f.value() + "x): " + f.label()));
    }
  }

  private static double severityWeight(String severity) {
    String s = severity == null ? "" : severity.toUpperCase(Locale.ROOT);
    if (LogTemplates.isError(s)) {
      return 8;
    }
    return s.startsWith("WARN") ? 5 : 2;
  }

  private void missingTemplates(EntityWindow w, Baseline b, Set<String> seen, List<Evidence> out) {
    for (Map.Entry<String, Baseline.History> e : b.features.entrySet()) {
      if (!e.getKey().startsWith(Features.TEMPLATE_PREFIX) || seen.contains(e.getKey())) {
        continue;
      }
      Baseline.History h = e.getValue();
      Feature absent =
          new Feature(
              e.getKey(),
              SignalType.LOG,
              Feature.Kind.COUNT,
              0,
              e.getKey().substring(Features.TEMPLATE_PREFIX.length()),
              null);
      scoreKnown(w, absent, h, out);
      h.add(0, w.end);
    }
  }

  private Evidence evidence(EntityWindow w, Feature f, double score, double median, long onset) {
    Evidence.Direction dir = f.value() >= median ? Evidence.Direction.UP : Evidence.Direction.DOWN;
    String detail =
        String.format(
            Locale.ROOT,
            "%s %s: %.4g vs usual %.4g (score %.1f)",
            f.label(),
            dir == Evidence.Direction.UP ? "up" : "down",
            f.value(),
            median,
            score);
    String feature =
        f.isTemplate() ? f.name().substring(Features.TEMPLATE_PREFIX.length()) : f.label();
    return new Evidence(
        w.resource, f.signal(), feature, score, f.value(), median, dir, onset, w.end, detail);
  }

  private void evictOldFeatures(Baseline b) {
    int excess = b.features.size() - config.maxFeatures();
    if (excess <= 0) {
      return;
    }
    b.features.entrySet().stream()
        .sorted(Comparator.comparingLong(e -> e.getValue().lastSeen))
        .limit(excess)
        .map(Map.Entry::getKey)
        .toList()
        .forEach(b.features::remove);
  }
}
