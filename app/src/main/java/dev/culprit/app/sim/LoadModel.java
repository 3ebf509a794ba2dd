package dev.culprit.app.sim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expected latency, error rate and request rate of every pod at one moment, from the call graph and
 * the fault effects. Metrics are drawn around these expectations; traces sample the same model
 * request by request, so both agree. Symptoms travel upstream: a caller's latency includes its
 * calls, and a failed call fails the caller with probability {@link #PROPAGATION}.
 */
final class LoadModel {
  static final double TIMEOUT_MS = 1000;
  static final double NETWORK_MS = 0.4;
  static final double PROPAGATION = 0.9;
  static final double ENTRY_RPS = 40;
  private static final long DAY_MS = 86_400_000L;

  private final Blueprint blueprint;
  private final CallStats stats;
  private final FaultEffects effects;

  LoadModel(Blueprint blueprint, CallStats stats, FaultEffects effects) {
    this.blueprint = blueprint;
    this.stats = stats;
    this.effects = effects;
  }

  /**
   * Expected load of one pod.
   *
   * @param latencyMs mean duration of the requests it serves
   * @param errorRate fraction of its requests that fail
   * @param requestRate requests per second it handles
   */
  record PodLoad(double latencyMs, double errorRate, double requestRate) {}

  /** Entry requests per second at {@code time}: a gentle daily cycle. */
  static double entryRate(long time) {
    return ENTRY_RPS * (1 + 0.15 * Math.sin(2 * Math.PI * (time % DAY_MS) / DAY_MS));
  }

  /** The expected load of every pod at {@code time}, in blueprint order. */
  Map<Pod, PodLoad> at(long time) {
    Snapshot s = new Snapshot(time);
    Map<Pod, PodLoad> out = new LinkedHashMap<>();
    double entry = entryRate(time);
    for (Pod p : blueprint.pods()) {
      FaultEffects.PodState st = s.state(p);
      double rate =
          entry
              * stats.visits(p.service())
              / blueprint.podsOf(p.service()).size()
              * (1 - st.lossProbability());
      out.put(p, new PodLoad(s.latency(p), s.error(p), rate));
    }
    return out;
  }

  /** Memoized expectations at one time. */
  private final class Snapshot {
    private final long time;
    private final Map<Pod, FaultEffects.PodState> states = new HashMap<>();
    private final Map<Pod, Double> latencies = new HashMap<>();
    private final Map<Pod, Double> errors = new HashMap<>();

    Snapshot(long time) {
      this.time = time;
    }

    FaultEffects.PodState state(Pod p) {
      return states.computeIfAbsent(p, pod -> effects.pod(pod, time));
    }

    double latency(Pod p) {
      Double cached = latencies.get(p);
      if (cached != null) {
        return cached;
      }
      FaultEffects.PodState st = state(p);
      double ms = blueprint.spec(p.service()).ownLatencyMs() * st.latencyFactor() + st.delayMs();
      for (String callee : blueprint.callees(p.service())) {
        ms += stats.callsPerRequest(p.service(), callee) * callLatency(callee);
      }
      latencies.put(p, ms);
      return ms;
    }

    double error(Pod p) {
      Double cached = errors.get(p);
      if (cached != null) {
        return cached;
      }
      double ok = 1 - state(p).errorProbability();
      for (String callee : blueprint.callees(p.service())) {
        double calls = Math.min(1, stats.callsPerRequest(p.service(), callee));
        ok *= 1 - calls * PROPAGATION * callError(callee);
      }
      errors.put(p, 1 - ok);
      return 1 - ok;
    }

    private double callLatency(String callee) {
      List<Pod> pods = blueprint.podsOf(callee);
      double sum = 0;
      for (Pod cp : pods) {
        double loss = state(cp).lossProbability();
        double served = latency(cp);
        sum += (1 - loss) * served + loss * (TIMEOUT_MS + (1 - loss) * served);
      }
      return sum / pods.size() + NETWORK_MS;
    }

    private double callError(String callee) {
      List<Pod> pods = blueprint.podsOf(callee);
      double sum = 0;
      for (Pod cp : pods) {
        double loss = state(cp).lossProbability();
        sum += 1 - (1 - error(cp)) * (1 - loss * loss);
      }
      return sum / pods.size();
    }
  }
}
