package dev.culprit.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the faults do to pods and nodes at one moment of event time, as documented on each {@link
 * FaultKind}. Each fault gets a severity in [0, 1) drawn from the seed and its id, which scales its
 * effects within fixed ranges.
 */
final class FaultEffects {
  /** How long an OOM-killed container takes to come back. */
  static final long RESTART_MS = 40_000;

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
   * @param cpuDemand multiplier of the cpu its own code asks for (a hot loop, GC)
   * @param cpuShare fraction of the cpu it asks for that it gets (below 1 when starved)
   * @param latencyFactor multiplier of the time it spends itself per request
   * @param egressDelayMs delay added to every packet it sends
   * @param lossProbability probability that a message it sends or receives needs a retransmission
   * @param exceptionProbability probability that its handler throws
   * @param exceptionVariant which exception the faulty code throws
   * @param returnProbability probability that its handler returns early
   * @param memoryMb its working set
   * @param memoryPressure 0 normally, up to 1 as a leak approaches the limit
   * @param down whether it is restarting after an OOM kill (it serves and reports nothing)
   * @param restarts restarts of its container so far
   * @param ioWaitFactor multiplier of the time it waits on disk i/o
   */
  record PodState(
      double cpuDemand,
      double cpuShare,
      double latencyFactor,
      double egressDelayMs,
      double lossProbability,
      double exceptionProbability,
      int exceptionVariant,
      double returnProbability,
      double memoryMb,
      double memoryPressure,
      boolean down,
      int restarts,
      double ioWaitFactor) {}

  /**
   * The state of a node.
   *
   * @param cpuFloor node cpu utilisation is at least this (0 normally)
   * @param memoryFloor node memory utilisation is at least this (0 normally)
   * @param pageFaultFactor multiplier of its major page faults
   * @param diskIoFactor multiplier of its disk i/o time
   * @param diskFill extra fraction of its filesystem in use
   */
  record NodeState(
      double cpuFloor,
      double memoryFloor,
      double pageFaultFactor,
      double diskIoFactor,
      double diskFill) {}

  /** Accumulates the effects of the active faults on one pod. */
  private static final class PodAcc {
    double cpuDemand = 1;
    double cpuShare = 1;
    double latency = 1;
    double delay;
    double loss;
    double exception;
    int variant;
    double early;
    double memory;
    double pressure;
    boolean down;
    double ioWait = 1;
  }

  PodState pod(Pod pod, long time) {
    Blueprint.ServiceSpec spec = blueprint.spec(pod.service());
    PodAcc a = new PodAcc();
    a.memory = spec.memoryMb();
    for (InjectedFault f : schedule.activeAt(time)) {
      double sev = severity(f);
      if (f.entity().equals(pod.ref())) {
        onPod(a, f, sev, spec, time);
      } else if (f.faultKind() == FaultKind.CPU_CONTENTION && sameNode(f, pod)) {
        a.latency *= 1.1 + 0.15 * sev;
        a.cpuShare *= 0.97;
      } else if (!f.faultKind().podLevel() && f.entity().name().equals(pod.node())) {
        onNode(a, f, sev);
      }
    }
    return new PodState(
        a.cpuDemand,
        a.cpuShare,
        a.latency,
        a.delay,
        a.loss,
        Math.min(a.exception, 0.95),
        a.variant,
        Math.min(a.early, 0.95),
        a.memory,
        a.pressure,
        a.down,
        restarts(pod, time),
        a.ioWait);
  }

  private void onPod(PodAcc a, InjectedFault f, double sev, Blueprint.ServiceSpec spec, long t) {
    switch (f.faultKind()) {
      case CPU -> {
        a.cpuDemand *= 6 + 4 * sev;
        a.latency *= 2 + 2 * sev;
      }
      case CPU_CONTENTION -> {
        a.cpuShare *= 0.8 + 0.15 * sev;
        a.latency *= 1.8 + 1.2 * sev;
      }
      case MEMORY -> leak(a, f, sev, spec, t);
      case DELAY -> a.delay += 150 + 350 * sev;
      case LOSS -> a.loss = Math.max(a.loss, 0.15 + 0.2 * sev);
      case EXCEPTION -> {
        a.exception += 0.4 + 0.4 * sev;
        a.variant = Math.floorMod(f.id().hashCode() + (int) (seed % 97), 5);
      }
      case RETURN -> a.early += 0.5 + 0.4 * sev;
      default -> throw new IllegalStateException("Not a pod fault: " + f);
    }
  }

  private static void onNode(PodAcc a, InjectedFault f, double sev) {
    switch (f.faultKind()) {
      case DISK -> {
        a.latency *= 1.5 + 1.5 * sev;
        a.ioWait *= 4 + 4 * sev;
      }
      case NODE_CPU -> {
        a.latency *= 2 + 1.5 * sev;
        a.cpuShare *= 0.85;
      }
      case NODE_MEMORY -> a.latency *= 1.5 + sev;
      default -> throw new IllegalStateException("Not a node fault: " + f);
    }
  }

  private void leak(PodAcc a, InjectedFault f, double sev, Blueprint.ServiceSpec spec, long t) {
    long fill = fillMillis(f, sev);
    long within = (t - f.at()) % (fill + RESTART_MS);
    if (within >= fill) {
      a.down = true;
      return;
    }
    double p = within / (double) fill;
    a.pressure = Math.max(a.pressure, p);
    a.memory += (spec.memoryLimitMb() - spec.memoryMb()) * 0.98 * p;
    a.cpuDemand *= 1 + 1.5 * Math.max(0, p - 0.5) / 0.5;
    a.latency *= 1 + 4 * Math.max(0, p - 0.6) / 0.4;
    a.exception += p > 0.9 ? 0.3 * (p - 0.9) / 0.1 : 0;
  }

  private static long fillMillis(InjectedFault f, double sev) {
    return (long) ((0.45 + 0.25 * (1 - sev)) * (f.until() - f.at()));
  }

  /** OOM kills of the pod's container in memory faults up to {@code time}. */
  private int restarts(Pod pod, long time) {
    int n = 0;
    for (InjectedFault f : schedule.startedBefore(time + 1)) {
      if (f.faultKind() == FaultKind.MEMORY && f.entity().equals(pod.ref())) {
        long fill = fillMillis(f, severity(f));
        long elapsed = Math.min(time, f.until() - 1) - f.at();
        n += (int) ((elapsed + RESTART_MS) / (fill + RESTART_MS));
      }
    }
    return n;
  }

  /** Whether the pod's container was OOM-killed in {@code [from, to)}. */
  boolean oomKilledIn(Pod pod, long from, long to) {
    return restarts(pod, to - 1) > restarts(pod, from - 1);
  }

  NodeState node(String node, long time) {
    double cpuFloor = 0;
    double memoryFloor = 0;
    double pageFaults = 1;
    double io = 1;
    double fill = 0;
    for (InjectedFault f : schedule.activeAt(time)) {
      double sev = severity(f);
      if (f.faultKind() == FaultKind.CPU_CONTENTION && nodeOf(f).equals(node)) {
        cpuFloor = Math.max(cpuFloor, 0.88 + 0.1 * sev);
      }
      if (f.faultKind().podLevel() || !f.entity().name().equals(node)) {
        continue;
      }
      switch (f.faultKind()) {
        case DISK -> {
          io *= 6 + 6 * sev;
          fill += 0.3 * progress(f, time);
        }
        case NODE_CPU -> cpuFloor = Math.max(cpuFloor, 0.93 + 0.06 * sev);
        case NODE_MEMORY -> {
          memoryFloor = Math.max(memoryFloor, 0.95 + 0.04 * sev);
          pageFaults *= 20 + 30 * sev;
        }
        default -> throw new IllegalStateException("Not a node fault: " + f);
      }
    }
    return new NodeState(cpuFloor, memoryFloor, pageFaults, io, fill);
  }

  private boolean sameNode(InjectedFault f, Pod pod) {
    return nodeOf(f).equals(pod.node());
  }

  private String nodeOf(InjectedFault f) {
    for (Pod p : blueprint.pods()) {
      if (p.ref().equals(f.entity())) {
        return p.node();
      }
    }
    return f.entity().name();
  }

  private static double progress(InjectedFault f, long time) {
    return Math.clamp((time - f.at()) / (double) (f.until() - f.at()), 0.0, 1.0);
  }

  private double severity(InjectedFault f) {
    return severities.computeIfAbsent(
        f.id(), id -> new SplittableRandom(seed * 1_000_003L + id.hashCode()).nextDouble());
  }
}
