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
  /** Scores are capped here: beyond it, "very anomalous" carries no more information. */
  static final double MAX_SCORE = 1000;

  private static final double GAUGE_FLOOR = 1e-3;
  private static final long ADAPT_AFTER_WINDOWS = 30;
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
        h.add(f.value(), w.end);
      } else {
        boolean anomalous = scoreKnown(w, f, h, out);
        learn(h, f.value(), w, anomalous && f.kind() == Feature.Kind.COUNT);
      }
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

  /**
   * Adds a value to history unless it was an anomalous count (error lines, template counts): a
   * fault must not teach the baseline that it is normal, or the next occurrence goes unseen. Gauges
   * are always learned, so bursty gauges widen their own spread. A departure that lasts longer than
   * {@link #ADAPT_AFTER_WINDOWS} is a new normal and is learned.
   */
  private static void learn(Baseline.History h, double value, EntityWindow w, boolean anomalous) {
    if (!anomalous || (w.start - h.anomalousSince) / (w.end - w.start) >= ADAPT_AFTER_WINDOWS) {
      h.add(value, w.end);
    } else {
      h.lastSeen = w.end;
    }
  }

  /** Scores a known feature; returns whether it was anomalous. */
  private boolean scoreKnown(EntityWindow w, Feature f, Baseline.History h, List<Evidence> out) {
    if (h.size < config.minHistory()) {
      return false;
    }
    double[] sorted = h.values();
    java.util.Arrays.sort(sorted);
    double score = score(f.kind(), f.value(), sorted);
    double median = RobustStats.quantile(sorted, 0.5);
    if (score >= config.threshold()) {
      if (h.anomalousSince < 0) {
        h.anomalousSince = w.start;
      }
      out.add(evidence(w, f, score, median, h.anomalousSince));
      return true;
    }
    h.anomalousSince = -1;
    return false;
  }

  /**
   * The departure of {@code x} from sorted history, in units of the history's spread on that side:
   * the larger of the MAD, the distance from the median to the 5th or 95th percentile (so features
   * that are bursty by nature need a burst beyond their usual ones), a tenth of the median, and a
   * Poisson floor for counts. Capped at {@link #MAX_SCORE}.
   */
  static double score(Feature.Kind kind, double x, double[] sorted) {
    double median = RobustStats.quantile(sorted, 0.5);
    double mad = RobustStats.mad(sorted, median);
    boolean up = x >= median;
    double tail =
        up
            ? (RobustStats.quantile(sorted, 0.95) - median) / 1.645
            : (median - RobustStats.quantile(sorted, 0.05)) / 1.645;
    double floor =
        kind == Feature.Kind.COUNT
            ? Math.sqrt(Math.abs(median)) + 1
            : Math.max(0.1 * Math.abs(median), GAUGE_FLOOR * Math.max(1, Math.abs(x)));
    double scale = Math.max(Math.max(1.4826 * mad, tail), floor);
    return Math.min(MAX_SCORE, Math.abs(x - median) / scale);
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
      learn(h, 0, w, scoreKnown(w, absent, h, out));
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
