package dev.culprit.sim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expected latency, error rate and request rate of every pod at one moment, as the pod itself
 * reports them (server side), from the call graph and the fault effects. Metrics are drawn around
 * these expectations; traces sample the same model request by request, so both agree. Symptoms
 * travel upstream: a caller's latency includes its calls (their network transit too), and a failed
 * call fails the caller with probability {@link #PROPAGATION}. Requests avoid pods that are down,
 * and calls a handler skips by returning early never reach their callees.
 */
final class LoadModel {
  static final double TIMEOUT_MS = 1000;
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
    for (Pod p : blueprint.pods()) {
      out.put(p, new PodLoad(s.latency(p), s.error(p), s.rate(p)));
    }
    return out;
  }

  /** Memoized expectations at one time. */
  private final class Snapshot {
    private final long time;
    private final Map<Pod, FaultEffects.PodState> states = new HashMap<>();
    private final Map<Pod, Double> latencies = new HashMap<>();
    private final Map<Pod, Double> errors = new HashMap<>();
    private final Map<String, Double> serviceRates = new HashMap<>();

    Snapshot(long time) {
      this.time = time;
    }

    FaultEffects.PodState state(Pod p) {
      return states.computeIfAbsent(p, pod -> effects.pod(pod, time));
    }

    List<Pod> up(String service) {
      return blueprint.podsOf(service).stream().filter(p -> !state(p).down()).toList();
    }

    double latency(Pod p) {
      Double cached = latencies.get(p);
      if (cached != null) {
        return cached;
      }
      FaultEffects.PodState st = state(p);
      double own = blueprint.spec(p.service()).ownLatencyMs() * st.latencyFactor();
      double full = own;
      for (String callee : blueprint.callees(p.service())) {
        full += stats.callsPerRequest(p.service(), callee) * callLatency(p, callee);
      }
      double early = st.returnProbability();
      double ms = (1 - early) * full + early * own / 2;
      latencies.put(p, ms);
      return ms;
    }

    double error(Pod p) {
      Double cached = errors.get(p);
      if (cached != null) {
        return cached;
      }
      FaultEffects.PodState st = state(p);
      double ok = 1 - st.exceptionProbability();
      double calling = (1 - st.exceptionProbability()) * (1 - st.returnProbability());
      for (String callee : blueprint.callees(p.service())) {
        double calls = Math.min(1, stats.callsPerRequest(p.service(), callee)) * calling;
        ok *= 1 - calls * PROPAGATION * callError(p, callee);
      }
      errors.put(p, 1 - ok);
      return 1 - ok;
    }

    double rate(Pod p) {
      if (state(p).down()) {
        return 0;
      }
      return serviceRate(p.service()) / up(p.service()).size();
    }

    private double serviceRate(String service) {
      Double cached = serviceRates.get(service);
      if (cached != null) {
        return cached;
      }
      double rate = service.equals(Blueprint.ENTRY) ? entryRate(time) : 0;
      for (String caller : blueprint.services()) {
        double perRequest = stats.callsPerRequest(caller, service);
        if (perRequest == 0) {
          continue;
        }
        for (Pod cp : up(caller)) {
          rate += rate(cp) * perRequest * (1 - state(cp).returnProbability());
        }
      }
      serviceRates.put(service, rate);
      return rate;
    }

    private double callLatency(Pod caller, String callee) {
      List<Pod> pods = up(callee);
      if (pods.isEmpty()) {
        return Network.BASE_MS;
      }
      FaultEffects.PodState from = state(caller);
      double sum = 0;
      for (Pod cp : pods) {
        FaultEffects.PodState to = state(cp);
        double loss = Math.max(from.lossProbability(), to.lossProbability());
        sum +=
            latency(cp)
                + Network.BASE_MS
                + from.egressDelayMs()
                + to.egressDelayMs()
                + 2 * Network.expectedRetransmitMs(loss);
      }
      return sum / pods.size();
    }

    private double callError(Pod caller, String callee) {
      List<Pod> pods = up(callee);
      if (pods.isEmpty()) {
        return 1;
      }
      double sum = 0;
      for (Pod cp : pods) {
        double loss = Math.max(state(caller).lossProbability(), state(cp).lossProbability());
        double timeout = Math.min(1, 2 * Math.pow(loss, 3) + Math.pow(loss, 4));
        sum += 1 - (1 - error(cp)) * (1 - timeout * timeout);
      }
      return sum / pods.size();
    }
  }
}
