package dev.culprit.sim;

import static dev.culprit.sim.AllFaults.CONTENTION;
import static dev.culprit.sim.AllFaults.CPU;
import static dev.culprit.sim.AllFaults.DISK;
import static dev.culprit.sim.AllFaults.MEMORY;
import static dev.culprit.sim.AllFaults.NODE_CPU;
import static dev.culprit.sim.AllFaults.NODE_MEMORY;
import static dev.culprit.sim.AllFaults.before;
import static dev.culprit.sim.AllFaults.serverSpans;
import static dev.culprit.sim.MetricEmitter.CONTAINER_CPU;
import static dev.culprit.sim.MetricEmitter.CONTAINER_FS_IO_TIME;
import static dev.culprit.sim.MetricEmitter.CONTAINER_MEMORY;
import static dev.culprit.sim.MetricEmitter.CONTAINER_RESTARTS;
import static dev.culprit.sim.MetricEmitter.CONTAINER_THROTTLED;
import static dev.culprit.sim.MetricEmitter.NODE_CPU_UTILISATION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPU, memory, disk and node faults show as cgroups, the kernel and kubelet show them. */
class ResourceFaultTest {
  private static final SimRun RUN = AllFaults.run();

  @Test
  void consumedCpuRisesToTheLimitThrottlesAndSlowsTheServerSpans() {
    double limit = AllFaults.spec("catalog").cpuLimitCores();
    assertThat(RUN.during(CPU, "catalog-1", CONTAINER_CPU)).isGreaterThan(0.85 * limit);
    assertThat(RUN.before(CPU, "catalog-1", CONTAINER_CPU)).isLessThan(0.4 * limit);
    assertThat(RUN.during(CPU, "catalog-1", CONTAINER_THROTTLED)).isGreaterThan(0.3);
    assertThat(RUN.before(CPU, "catalog-1", CONTAINER_THROTTLED)).isLessThan(0.05);
    assertThat(serverSlowdown("catalog-1", CPU)).isGreaterThan(1.8);
    assertThat(serverSlowdown("catalog-0", CPU)).isLessThan(1.15);
    assertThat(RUN.during(CPU, "catalog-0", CONTAINER_CPU))
        .isLessThan(1.3 * RUN.before(CPU, "catalog-0", CONTAINER_CPU));
  }

  @Test
  void contentionRaisesTheNodesCpuMoreThanThePodsAndSlowsItsNeighboursALittle() {
    String node = AllFaults.pod("recommendation-0").node();
    double nodeRise =
        RUN.during(CONTENTION, node, NODE_CPU_UTILISATION)
            / RUN.before(CONTENTION, node, NODE_CPU_UTILISATION);
    double podRise =
        RUN.during(CONTENTION, "recommendation-0", CONTAINER_CPU)
            / RUN.before(CONTENTION, "recommendation-0", CONTAINER_CPU);
    assertThat(nodeRise).isGreaterThan(2);
    assertThat(podRise).isLessThan(1.05);
    assertThat(RUN.during(CONTENTION, "recommendation-0", CONTAINER_THROTTLED)).isLessThan(0.05);
    double victim = serverSlowdown("recommendation-0", CONTENTION);
    assertThat(victim).isGreaterThan(1.6);
    List<String> neighbours =
        RUN.simulator().pods().stream()
            .filter(p -> p.node().equals(node) && !p.name().equals("recommendation-0"))
            .filter(p -> !p.service().equals("redis-cart") && !p.service().equals("frontend"))
            .map(Pod::name)
            .toList();
    assertThat(neighbours).isNotEmpty();
    for (String n : neighbours) {
      assertThat(serverSlowdown(n, CONTENTION)).as(n).isBetween(1.03, victim / 1.2);
    }
  }

  @Test
  void leakClimbsToTheLimitThenTheContainerIsKilledAndRestarts() {
    double limitBytes = AllFaults.spec("ad").memoryLimitMb() * 1024 * 1024;
    double[] memory = RUN.metric("ad-0", CONTAINER_MEMORY, MEMORY.at(), MEMORY.until());
    double peak = java.util.Arrays.stream(memory).max().orElseThrow();
    assertThat(peak).isGreaterThan(0.9 * limitBytes);
    assertThat(RUN.before(MEMORY, "ad-0", CONTAINER_MEMORY)).isLessThan(0.3 * limitBytes);
    double[] restarts =
        RUN.metric("ad-0", CONTAINER_RESTARTS, MEMORY.at(), MEMORY.until() + 60_000);
    assertThat(restarts[0]).isZero();
    assertThat(restarts[restarts.length - 1]).isGreaterThanOrEqualTo(1);
    long gap = longestSilence("ad-0", MEMORY.at(), MEMORY.until());
    assertThat(gap).isBetween(30_000L, 60_000L);
    assertThat(RUN.logs(l -> AllFaults.during(MEMORY, l) && l.body().contains("Killed process")))
        .isNotEmpty()
        .allMatch(l -> l.resource().node() != null && l.resource().instance() == null);
    assertThat(
            RUN.spans(
                MEMORY.at(),
                MEMORY.until(),
                s -> s.kind() == Span.SpanKind.CLIENT && "ad".equals(s.peer()) && s.error()))
        .anyMatch(s -> AllFaults.children(s).isEmpty() && s.durationMicros() < 1000);
    assertThat(RUN.logs(l -> AllFaults.during(MEMORY, l) && l.body().contains("OutOfMemoryError")))
        .isNotEmpty();
  }

  @Test
  void diskPressureLoadsTheNodesDiskAndSlowsItsPodsOnIo() {
    assertThat(RUN.during(DISK, "node-2", MetricEmitter.NODE_DISK_IO))
        .isGreaterThan(3 * RUN.before(DISK, "node-2", MetricEmitter.NODE_DISK_IO));
    assertThat(RUN.during(DISK, "node-2", MetricEmitter.NODE_FILESYSTEM))
        .isGreaterThan(RUN.before(DISK, "node-2", MetricEmitter.NODE_FILESYSTEM) + 0.05);
    for (Pod p : podsOn("node-2")) {
      assertThat(RUN.during(DISK, p.name(), CONTAINER_FS_IO_TIME))
          .as(p.name())
          .isGreaterThan(3 * RUN.before(DISK, p.name(), CONTAINER_FS_IO_TIME));
      if (!p.service().equals("redis-cart")) {
        assertThat(serverSlowdown(p.name(), DISK)).as(p.name()).isGreaterThan(1.3);
      }
    }
    assertThat(RUN.during(DISK, "node-1", MetricEmitter.NODE_DISK_IO))
        .isLessThan(1.5 * RUN.before(DISK, "node-1", MetricEmitter.NODE_DISK_IO));
  }

  @Test
  void exhaustedNodeCpuSlowsEveryPodOnIt() {
    assertThat(RUN.during(NODE_CPU, "node-3", NODE_CPU_UTILISATION)).isGreaterThan(0.9);
    assertThat(RUN.before(NODE_CPU, "node-3", NODE_CPU_UTILISATION)).isLessThan(0.5);
    for (Pod p : podsOn("node-3")) {
      assertThat(serverSlowdown(p.name(), NODE_CPU)).as(p.name()).isGreaterThan(1.6);
    }
    assertThat(serverSlowdown("catalog-0", NODE_CPU)).isLessThan(1.15);
  }

  @Test
  void exhaustedNodeMemoryRaisesPageFaultsAndSlowsEveryPodOnIt() {
    assertThat(RUN.during(NODE_MEMORY, "node-1", MetricEmitter.NODE_MEMORY_UTILISATION))
        .isGreaterThan(0.94);
    assertThat(RUN.before(NODE_MEMORY, "node-1", MetricEmitter.NODE_MEMORY_UTILISATION))
        .isLessThan(0.5);
    assertThat(RUN.during(NODE_MEMORY, "node-1", MetricEmitter.NODE_PAGE_FAULTS))
        .isGreaterThan(10 * RUN.before(NODE_MEMORY, "node-1", MetricEmitter.NODE_PAGE_FAULTS));
    for (Pod p : podsOn("node-1")) {
      if (!p.service().equals("redis-cart")) {
        assertThat(serverSlowdown(p.name(), NODE_MEMORY)).as(p.name()).isGreaterThan(1.2);
      }
    }
  }

  /** Median SERVER-span duration of a pod during the fault over the five minutes before. */
  private static double serverSlowdown(String pod, InjectedFault f) {
    return SimRun.medianMillis(serverSpans(pod, f.at(), f.until()))
        / SimRun.medianMillis(serverSpans(pod, before(f), f.at()));
  }

  /** The longest time in {@code [from, to)} without a span, log or container metric of a pod. */
  private static long longestSilence(String pod, long from, long to) {
    List<Long> times =
        RUN.signals().stream()
            .filter(s -> pod.equals(s.resource().instance()) && s.time() >= from && s.time() < to)
            .filter(
                s ->
                    !(s instanceof dev.culprit.model.MetricSample m)
                        || !m.name().equals(CONTAINER_RESTARTS))
            .map(Signal::time)
            .sorted()
            .toList();
    long longest = 0;
    for (int i = 1; i < times.size(); i++) {
      longest = Math.max(longest, times.get(i) - times.get(i - 1));
    }
    return longest;
  }

  private static List<Pod> podsOn(String node) {
    return RUN.simulator().pods().stream().filter(p -> p.node().equals(node)).toList();
  }
}
