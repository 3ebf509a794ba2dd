package dev.culprit.correlation.evidence;

import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The network time of calls per edge and minute, counted from settled traces and scored against
 * each edge's history ({@link NetworkTime}): the part of the trace settler ({@link
 * ErrorOriginProcessor}) that reads durations. Stores: {@code evidence-edge-minutes-v1} (key:
 * minute, callee, caller) and {@code evidence-edge-baselines-v1} (key: callee; one ring per
 * caller).
 */
final class EdgeTimes {
  private static final long MINUTE = ErrorOriginProcessor.MINUTE;

  /**
   * The calls of one edge in one minute seen from both sides, and their network times ({@link
   * NetworkTime}).
   *
   * @param calls how many
   * @param samples the network times of the first {@link #EDGE_SAMPLES} of them, in milliseconds
   */
  record EdgeMinute(long calls, List<Double> samples) {
    EdgeMinute {
      samples = samples == null ? List.of() : samples;
    }

    /**
     * The minute's typical network time: the median, so that one slow call among a handful (a pause
     * in a client, a retried connection) is not a slow edge, while a delay that every call pays is.
     */
    double median() {
      double[] v = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return RobustStats.quantile(v, 0.5);
    }
  }

  static final int EDGE_SAMPLES = 64;

  /**
   * Calls an edge needs in a minute before its network time is scored: the median of three is the
   * fewest that one slow call cannot move on its own.
   */
  static final int MIN_EDGE_CALLS = 3;

  private final EvidenceConfig config;
  private final KeyValueStore<String, EdgeMinute> edgeMinutes;
  private final KeyValueStore<String, Baseline> edgeBaselines;
  private final BiConsumer<String, Evidence> forward;

  EdgeTimes(
      EvidenceConfig config,
      KeyValueStore<String, EdgeMinute> minutes,
      KeyValueStore<String, Baseline> baselines,
      BiConsumer<String, Evidence> forward) {
    this.config = config;
    this.edgeMinutes = minutes;
    this.edgeBaselines = baselines;
    this.forward = forward;
  }

  /** Adds the trace's calls seen from both sides to their edges' minutes. */
  void countCalls(long minute, List<TracePart> all) {
    Map<NetworkTime.Edge, List<Double>> times = new HashMap<>();
    for (NetworkTime.Call c : NetworkTime.calls(all)) {
      times.computeIfAbsent(c.edge(), k -> new ArrayList<>()).add(c.networkMillis());
    }
    times.forEach(
        (edge, t) -> {
          String key = edgeKey(minute, edge);
          EdgeMinute m = edgeMinutes.get(key);
          List<Double> samples = new ArrayList<>(m == null ? List.of() : m.samples());
          for (int i = 0; i < t.size() && samples.size() < EDGE_SAMPLES; i++) {
            samples.add(t.get(i));
          }
          edgeMinutes.put(key, new EdgeMinute((m == null ? 0 : m.calls()) + t.size(), samples));
        });
  }

  /**
   * Scores the network time of every edge in each minute before {@code beforeMinute} against the
   * edge's history, oldest minute first, and blames the slow edges' ends ({@link
   * NetworkTime#attribute}). An edge's history (store {@code evidence-edge-baselines-v1}, per
   * callee, one ring per caller) learns every minute that was not slow, and slow minutes too once a
   * run of them has lasted {@link ErrorOriginProcessor#ADAPT_AFTER_MINUTES}, as the per-entity
   * windows do.
   */
  void closeEdgeMinutes(long beforeMinute) {
    TreeMap<Long, Map<NetworkTime.Edge, EdgeMinute>> closed = new TreeMap<>();
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, EdgeMinute> it = edgeMinutes.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        long minute = ErrorOriginProcessor.minuteOf(kv.key);
        if (minute < beforeMinute) {
          keys.add(kv.key);
          String[] ends = kv.key.substring(kv.key.indexOf('|') + 1).split("\\|", 2);
          closed
              .computeIfAbsent(minute, k -> new HashMap<>())
              .put(new NetworkTime.Edge(ends[1], ends[0]), kv.value);
        }
      }
    }
    keys.forEach(edgeMinutes::delete);
    closed.forEach(this::scoreEdges);
  }

  private void scoreEdges(long minute, Map<NetworkTime.Edge, EdgeMinute> edges) {
    Map<NetworkTime.Edge, Double> slow = new HashMap<>();
    Map<NetworkTime.Edge, double[]> seen = new HashMap<>();
    Map<String, Baseline> baselines = new HashMap<>();
    long start = minute * MINUTE;
    for (Map.Entry<NetworkTime.Edge, EdgeMinute> e : new TreeMap<>(byName(edges)).values()) {
      NetworkTime.Edge edge = e.getKey();
      EdgeMinute m = e.getValue();
      Baseline b =
          baselines.computeIfAbsent(
              edge.callee(),
              k -> {
                Baseline stored = edgeBaselines.get(k);
                return stored != null ? stored : new Baseline();
              });
      Baseline.History h =
          b.features.computeIfAbsent(edge.caller(), k -> new Baseline.History(config.history()));
      double mean = m.median();
      double[] sorted = h.values();
      double score = 0;
      double median = Double.NaN;
      if (sorted.length >= config.minHistory() && m.calls() >= MIN_EDGE_CALLS) {
        java.util.Arrays.sort(sorted);
        median = RobustStats.quantile(sorted, 0.5);
        score =
            mean > median
                ? AnomalyScorer.score(Feature.Kind.GAUGE, mean, sorted)
                    * Math.min(1, Math.sqrt(m.calls() / AnomalyScorer.FULL_SUPPORT_CALLS))
                : 0;
      }
      seen.put(edge, new double[] {mean, median, m.calls()});
      boolean isSlow = score >= config.threshold();
      if (isSlow) {
        slow.put(edge, score);
        if (h.anomalousSince < 0) {
          h.anomalousSince = start;
        }
      } else {
        h.anomalousSince = -1;
      }
      if (!isSlow
          || (start - h.anomalousSince) / MINUTE >= ErrorOriginProcessor.ADAPT_AFTER_MINUTES) {
        h.add(mean, start + MINUTE);
      } else {
        h.lastSeen = start + MINUTE;
      }
    }
    baselines.forEach(
        (callee, b) -> {
          forgetOldCallers(b);
          edgeBaselines.put(callee, b);
        });
    if (slow.isEmpty()) {
      return;
    }
    NetworkTime.attribute(slow, seen.keySet())
        .forEach(
            (service, blame) -> {
              if (blame.score() < config.threshold()) {
                return;
              }
              NetworkTime.Edge edge = blame.edge();
              double[] s = seen.get(edge);
              long slowSince = slowSince(edge, start);
              forward.accept(
                  service,
                  new Evidence(
                      Resource.ofService(service),
                      SignalType.TRACE,
                      EvidenceFamily.NETWORK,
                      ErrorOriginProcessor.NETWORK_FEATURE,
                      Math.min(AnomalyScorer.MAX_SCORE, blame.score()),
                      s[0],
                      s[1],
                      Evidence.Direction.UP,
                      slowSince,
                      start + MINUTE,
                      String.format(
                          Locale.ROOT,
                          "network time of calls %s -> %s: median %.3g ms vs usual %.3g ms over"
                              + " %d calls; %.0f%% of the call edges %s takes part in are slow",
                          edge.caller(),
                          edge.callee(),
                          s[0],
                          s[1],
                          (long) s[2],
                          100 * blame.slowShare(),
                          service)));
            });
  }

  /**
   * Keeps at most {@code maxFeatures} callers' histories per callee, forgetting those seen least
   * recently, as the per-entity baselines do with their features.
   */
  private void forgetOldCallers(Baseline b) {
    int excess = b.features.size() - config.maxFeatures();
    if (excess > 0) {
      b.features.entrySet().stream()
          .sorted(java.util.Comparator.comparingLong(e -> e.getValue().lastSeen))
          .limit(excess)
          .map(Map.Entry::getKey)
          .toList()
          .forEach(b.features::remove);
    }
  }

  /** When the edge's current run of slow minutes began (its history says). */
  private long slowSince(NetworkTime.Edge edge, long fallback) {
    Baseline b = edgeBaselines.get(edge.callee());
    Baseline.History h = b == null ? null : b.features.get(edge.caller());
    return h == null || h.anomalousSince < 0 ? fallback : h.anomalousSince;
  }

  private static Map<String, Map.Entry<NetworkTime.Edge, EdgeMinute>> byName(
      Map<NetworkTime.Edge, EdgeMinute> edges) {
    Map<String, Map.Entry<NetworkTime.Edge, EdgeMinute>> out = new HashMap<>();
    edges.forEach((e, m) -> out.put(e.callee() + "|" + e.caller(), Map.entry(e, m)));
    return out;
  }

  private static String edgeKey(long minute, NetworkTime.Edge e) {
    return StoreKeys.zeroPadded(minute, 15) + "|" + e.callee() + "|" + e.caller();
  }
}
