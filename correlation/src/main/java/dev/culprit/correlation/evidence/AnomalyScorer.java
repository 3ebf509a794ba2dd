package dev.culprit.correlation.evidence;

import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores an entity window against the entity's history and learns from it.
 *
 * <ul>
 *   <li>Gauges (metrics, latencies) get a robust z-score: the departure from the median in units of
 *       the history's spread on that side ({@link #score}). Latencies backed by few calls are
 *       discounted, since a handful of slow calls is what low traffic looks like.
 *   <li>Counts get the same with a Poisson floor; error counts assume a healthy history of zeros
 *       while their history is short.
 *   <li>Log templates are tested as shares of the entity's log volume: a template far more frequent
 *       than its share predicts (new ERROR lines), or far rarer (expected behaviour gone missing),
 *       is evidence, scored as a normal score of the Poisson tail probability.
 * </ul>
 */
public final class AnomalyScorer {
  /** Scores are capped here: beyond it, "very anomalous" carries no more information. */
  static final double MAX_SCORE = 1000;

  private static final double GAUGE_FLOOR = 1e-3;
  private static final long ADAPT_AFTER_WINDOWS = 30;
  static final double FULL_SUPPORT_CALLS = 10;
  private static final double RARE_TEMPLATE_RATE = 0.1;
  private final EvidenceConfig config;

  public AnomalyScorer(EvidenceConfig config) {
    this.config = config;
  }

  /** Scores {@code w} against {@code b}, then adds {@code w} to {@code b}. */
  List<Evidence> scoreAndLearn(EntityWindow w, Baseline b) {
    List<Evidence> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean logHistory = b.logWindows >= config.minHistory();
    for (Feature f : Features.of(w)) {
      seen.add(f.name());
      Baseline.History h = b.features.get(f.name());
      if (h == null) {
        h = new Baseline.History(config.history());
        b.features.put(f.name(), h);
        if (f.isTemplate()) {
          learn(h, f, w, logHistory && scoreTemplate(w, f, h, out));
          continue;
        }
      }
      boolean anomalous = f.isTemplate() ? scoreTemplate(w, f, h, out) : scoreKnown(w, f, h, out);
      learn(h, f, w, anomalous && f.kind() == Feature.Kind.COUNT);
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
   * Adds a value to history unless it was anomalous: a fault must not teach the baseline that it is
   * normal, or the next occurrence goes unseen. A departure that lasts longer than {@link
   * #ADAPT_AFTER_WINDOWS} windows is a new normal and is learned. Templates are learned as shares
   * of the log volume.
   */
  private static void learn(Baseline.History h, Feature f, EntityWindow w, boolean anomalous) {
    long window = w.end - w.start;
    if (anomalous && (w.start - h.anomalousSince) / window < ADAPT_AFTER_WINDOWS) {
      h.lastSeen = w.end;
      return;
    }
    double v = f.isTemplate() ? f.value() / Math.max(1, f.support()) : f.value();
    h.add(v, w.end);
  }

  /** Scores a known gauge or count; returns whether it was anomalous. */
  private boolean scoreKnown(EntityWindow w, Feature f, Baseline.History h, List<Evidence> out) {
    double[] sorted = h.values();
    if (sorted.length < config.minHistory()) {
      if (!f.zeroPrior()) {
        return false;
      }
      sorted = Arrays.copyOf(sorted, config.minHistory());
    }
    Arrays.sort(sorted);
    double score = score(f.kind(), f.value(), sorted);
    if (f.signal() == SignalType.TRACE && f.kind() == Feature.Kind.GAUGE) {
      score *= Math.min(1, Math.sqrt(f.support() / FULL_SUPPORT_CALLS));
    }
    double median = RobustStats.quantile(sorted, 0.5);
    return report(w, f, h, score, median, out);
  }

  /** Tests a template's count against its usual share of the entity's log lines. */
  private boolean scoreTemplate(EntityWindow w, Feature f, Baseline.History h, List<Evidence> out) {
    if (h.size > 0 && h.size < config.minHistory()) {
      return false;
    }
    double share = h.size == 0 ? 0 : Arrays.stream(h.values()).average().orElse(0);
    double expected = Math.max(RARE_TEMPLATE_RATE, share * f.support());
    long observed = Math.round(f.value());
    double score;
    if (observed > expected) {
      score = Poisson.upperZ(observed, expected) * severityWeight(f.severity());
    } else {
      score = Poisson.lowerZ(observed, expected);
    }
    return report(w, f, h, Math.min(MAX_SCORE, score), expected, out);
  }

  private boolean report(
      EntityWindow w,
      Feature f,
      Baseline.History h,
      double score,
      double baseline,
      List<Evidence> out) {
    if (score >= config.threshold()) {
      if (h.anomalousSince < 0) {
        h.anomalousSince = w.start;
        if (needsPersistence(f)) {
          return true;
        }
      }
      out.add(evidence(w, f, score, baseline, h.anomalousSince, h.size == 0));
      return true;
    }
    h.anomalousSince = -1;
    return false;
  }

  /**
   * Metric gauges must stay anomalous for two windows before they are evidence: scrape artefacts
   * and histogram quantiles of a single slow request spike for one sample and are gone.
   */
  private static boolean needsPersistence(Feature f) {
    return f.signal() == SignalType.METRIC && f.kind() == Feature.Kind.GAUGE;
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

  /** Lines above their usual share matter more at higher severity; missing lines always matter. */
  private static double severityWeight(String severity) {
    String s = severity == null ? "" : severity.toUpperCase(Locale.ROOT);
    if (LogTemplates.isError(s)) {
      return 1;
    }
    return s.startsWith("WARN") ? 0.8 : 0.5;
  }

  private void missingTemplates(EntityWindow w, Baseline b, Set<String> seen, List<Evidence> out) {
    for (Map.Entry<String, Baseline.History> e : b.features.entrySet()) {
      if (!e.getKey().startsWith(Features.TEMPLATE_PREFIX) || seen.contains(e.getKey())) {
        continue;
      }
      String template = e.getKey().substring(Features.TEMPLATE_PREFIX.length());
      int space = template.indexOf(' ');
      Feature absent =
          new Feature(
              e.getKey(),
              SignalType.LOG,
              LogTemplates.isErrorOrWarning(space < 0 ? template : template.substring(0, space))
                  ? EvidenceFamily.LOG_ERRORS
                  : EvidenceFamily.LOG_PATTERN,
              Feature.Kind.COUNT,
              0,
              template,
              null,
              w.logs,
              false,
              null);
      learn(e.getValue(), absent, w, scoreTemplate(w, absent, e.getValue(), out));
    }
  }

  private Evidence evidence(
      EntityWindow w, Feature f, double score, double baseline, long onset, boolean brandNew) {
    Evidence.Direction dir =
        brandNew
            ? Evidence.Direction.NEW
            : f.value() >= baseline ? Evidence.Direction.UP : Evidence.Direction.DOWN;
    String feature =
        f.isTemplate() ? f.name().substring(Features.TEMPLATE_PREFIX.length()) : f.label();
    String detail =
        switch (dir) {
          case NEW ->
              String.format(Locale.ROOT, "new log line (%dx): %s", (long) f.value(), f.label());
          case UP, DOWN ->
              String.format(
                  Locale.ROOT,
                  "%s %s: %.4g vs usual %.4g (score %.1f)",
                  f.isTemplate() ? "log line \"" + f.label() + "\"" : f.label(),
                  dir == Evidence.Direction.UP ? "up" : "down",
                  f.value(),
                  baseline,
                  score);
        };
    return new Evidence(
        w.resource,
        f.signal(),
        f.family(),
        feature,
        score,
        f.value(),
        baseline,
        dir,
        onset,
        w.end,
        detail,
        f.isTemplate() && f.severity() != null ? LogTemplates.severityOf(f.severity()) : null,
        f.traceId() == null ? List.of() : List.of(Evidence.Link.trace(f.traceId())),
        null);
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
