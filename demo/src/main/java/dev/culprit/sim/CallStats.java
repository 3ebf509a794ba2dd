package dev.culprit.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Traffic shares derived from the blueprint: how often each service is visited per entry request,
 * and how many calls a request served by one service makes to another.
 */
final class CallStats {
  private final Map<String, Double> visits = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> edgeCalls = new LinkedHashMap<>();

  CallStats(Blueprint blueprint) {
    for (Blueprint.Route r : Blueprint.ROUTES) {
      expand(blueprint, Blueprint.ENTRY, r.name(), r.share());
    }
  }

  private void expand(Blueprint bp, String service, String operation, double weight) {
    visits.merge(service, weight, Double::sum);
    for (Blueprint.Call c : bp.calls(service, operation)) {
      edgeCalls
          .computeIfAbsent(service, k -> new LinkedHashMap<>())
          .merge(c.service(), weight, Double::sum);
      expand(bp, c.service(), c.operation(), weight);
    }
  }

  /** Expected visits of {@code service} per entry request (0 when never visited). */
  double visits(String service) {
    return visits.getOrDefault(service, 0.0);
  }

  /** Expected calls to {@code callee} per request served by {@code caller}. */
  double callsPerRequest(String caller, String callee) {
    double v = visits(caller);
    if (v == 0) {
      return 0;
    }
    return edgeCalls.getOrDefault(caller, Map.of()).getOrDefault(callee, 0.0) / v;
  }
}
