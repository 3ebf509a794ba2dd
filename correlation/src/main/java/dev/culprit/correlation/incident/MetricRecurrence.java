package dev.culprit.correlation.incident;

import dev.culprit.model.Evidence;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How often each metric's anomalies recur across the system (store {@code
 * incidents-metric-history-v1}, key {@code scope|metric}): per minute of a bounded history, the
 * largest score any entity reached on that metric.
 *
 * <p>Infrastructure runs on timers: a log flush, a backup, garbage collection or a scrape make the
 * same metric jump every half hour, often on a different pod each time, so the jump is new to each
 * entity but not to the system. Metric evidence is therefore weighed by {@code 1 / (1 + n)}, where
 * {@code n} counts the minutes of the history in which the metric reached at least {@link
 * #COMPARABLE} of this score anywhere in the scope: an anomaly of a size never seen keeps its full
 * weight (a CPU hog that is ten times the usual spikes), one that recurs at this size is noise.
 * Other signal types are not weighed here: their features name an operation or a log statement,
 * which recur across the system only when something is really wrong.
 */
final class MetricRecurrence {
  static final long MINUTE = 60_000;
  static final double COMPARABLE = 0.5;
  private final Function<String, Minutes> load;
  private final BiConsumer<String, Minutes> save;
  private final long historyMillis;

  /** Per minute (epoch minute numbers, ascending), the largest score reached. */
  record Minutes(List<Long> at, List<Double> max) {
    Minutes {
      at = at == null ? List.of() : List.copyOf(at);
      max = max == null ? List.of() : List.copyOf(max);
    }
  }

  MetricRecurrence(KeyValueStore<String, Minutes> store, long historyMillis) {
    this(store::get, store::put, historyMillis);
  }

  MetricRecurrence(
      Function<String, Minutes> load, BiConsumer<String, Minutes> save, long historyMillis) {
    this.load = load;
    this.save = save;
    this.historyMillis = historyMillis;
  }

  /**
   * The evidence as the incident stage weighs it: metric evidence scaled down by how often the
   * metric recurred at this size before it (saying so in its detail); the evidence is then
   * recorded.
   */
  Evidence weigh(String scope, Evidence e) {
    if (e.signal() != SignalType.METRIC) {
      return e;
    }
    String key = scope + "|" + e.feature();
    long minute = Math.floorDiv(e.time(), MINUTE);
    long oldest = minute - historyMillis / MINUTE;
    Minutes m = load.apply(key);
    List<Long> at = new ArrayList<>();
    List<Double> max = new ArrayList<>();
    int recurred = 0;
    boolean merged = false;
    if (m != null) {
      for (int i = 0; i < m.at().size(); i++) {
        long t = m.at().get(i);
        if (t < oldest) {
          continue;
        }
        double v = m.max().get(i);
        if (t < minute && v >= COMPARABLE * e.score()) {
          recurred++;
        }
        if (t == minute) {
          v = Math.max(v, e.score());
          merged = true;
        }
        at.add(t);
        max.add(v);
      }
    }
    if (!merged) {
      int i = 0;
      while (i < at.size() && at.get(i) < minute) {
        i++;
      }
      at.add(i, minute);
      max.add(i, e.score());
    }
    save.accept(key, new Minutes(at, max));
    if (recurred == 0) {
      return e;
    }
    return e.restated(
        e.score() / (1 + recurred),
        e.value(),
        e.baseline(),
        e.onset(),
        e.time(),
        String.format(
            Locale.ROOT,
            "%s; weighed 1/%d: %s jumped this far in %d other minutes of the last %d h",
            e.detail(),
            1 + recurred,
            e.feature(),
            recurred,
            historyMillis / 3_600_000));
  }
}
