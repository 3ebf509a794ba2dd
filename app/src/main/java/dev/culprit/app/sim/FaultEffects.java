package dev.culprit.app.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the active faults do to pods and nodes at one moment of event time. Each fault gets a
 * severity in [0, 1) drawn from the seed and its id, which scales its effects within the ranges of
 * {@link FaultKind}.
 */
final class FaultEffects {
  private final Blueprint blueprint;
  private final FaultSchedule schedule;
  private final long seed;
  private final Map<String, Double> severities = new HashMap<>();

  FaultEffects(Blueprint blueprint, FaultSchedule schedule, long seed) {
    this.blueprint = blueprint;
    this.schedule = schedule;
    this.seed = seed;
  }

  /**
   * The state of a pod.
   *
   * @param cpuFactor multiplier of its cpu usage
   * @param latencyFactor multiplier of the time it spends itself per request
   * @param delayMs network delay added to each request it serves
   * @param errorProbability probability that a request fails in the pod itself
   * @param lossProbability probability that a request to it is lost
   * @param memoryMb its memory usage
   * @param memoryPressure 0 normally, up to 1 as a leak approaches the limit
   */
  record PodState(
      double cpuFactor,
      double latencyFactor,
      double delayMs,
      double errorProbability,
      double lossProbability,
      double memoryMb,
      double memoryPressure) {}

  /**
   * The state of a node.
   *
   * @param cpuFloor node cpu usage is at least this (0 normally)
   * @param diskIoFactor multiplier of disk io utilization
   * @param diskFill extra fraction of the disk in use
   */
  record NodeState(double cpuFloor, double diskIoFactor, double diskFill) {}

  PodState pod(Pod pod, long time) {
    Blueprint.ServiceSpec spec = blueprint.spec(pod.service());
    double cpu = 1;
    double latency = 1;
    double delay = 0;
    double error = 0;
    double loss = 0;
    double memory = spec.memoryMb();
    double pressure = 0;
    for (InjectedFault f : schedule.activeAt(time)) {
      double sev = severity(f);
      boolean onPod = f.entity().equals(pod.ref());
      boolean onNode = f.entity().name().equals(pod.node()) && !f.faultKind().podLevel();
      double progress = progress(f, time);
      switch (f.faultKind()) {
        case CPU -> {
          cpu *= onPod ? 5 + 5 * sev : 1;
          latency *= onPod ? 2 + 2 * sev : 1;
        }
        case MEMORY -> {
          if (onPod) {
            pressure = Math.min(1, progress / 0.7);
            memory += 3 * spec.memoryMb() * pressure;
            cpu *= 1 + 0.8 * pressure;
            latency *= 1 + 4 * Math.max(0, pressure - 0.5) / 0.5;
            error += pressure > 0.85 ? 0.3 * (pressure - 0.85) / 0.15 : 0;
          }
        }
        case LATENCY -> delay += onPod ? 150 + 350 * sev : 0;
        case ERRORS -> error += onPod ? 0.4 + 0.4 * sev : 0;
        case LOSS -> loss = onPod ? Math.max(loss, 0.25 + 0.25 * sev) : loss;
        case DISK -> latency *= onNode ? 1.5 + 1.5 * sev : 1;
        case NODE -> latency *= onNode ? 2 + 1.5 * sev : 1;
      }
    }
    return new PodState(cpu, latency, delay, Math.min(error, 0.95), loss, memory, pressure);
  }

  NodeState node(String node, long time) {
    double cpuFloor = 0;
    double io = 1;
    double fill = 0;
    for (InjectedFault f : schedule.activeAt(time)) {
      if (f.faultKind().podLevel() || !f.entity().name().equals(node)) {
        continue;
      }
      double sev = severity(f);
      if (f.faultKind() == FaultKind.DISK) {
        io *= 6 + 6 * sev;
        fill += 0.3 * progress(f, time);
      } else {
        cpuFloor = Math.max(cpuFloor, 0.9 + 0.08 * sev);
      }
    }
    return new NodeState(cpuFloor, io, fill);
  }

  private static double progress(InjectedFault f, long time) {
    return Math.clamp((time - f.at()) / (double) (f.until() - f.at()), 0.0, 1.0);
  }

  private double severity(InjectedFault f) {
    return severities.computeIfAbsent(
        f.id(), id -> new SplittableRandom(seed * 1_000_003L + id.hashCode()).nextDouble());
  }
}
