package dev.culprit.app.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.EntityRef;
import dev.culprit.model.LogEvent;
import dev.culprit.model.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One fault of each kind, 4 minutes each with 6-minute gaps after a 20-minute warm-up: each shows
 * in its own entity's signals, travels to callers, and leaves no trace before it starts.
 */
class FaultInjectionTest {
  private static final Simulator.Options OPTIONS = Simulator.Options.defaults(11);
  private static final long FIRST = OPTIONS.start() + Duration.ofMinutes(20).toMillis();
  private static final long SLOT = Duration.ofMinutes(10).toMillis();
  private static final long LENGTH = Duration.ofMinutes(4).toMillis();

  private static final InjectedFault CPU = pod(0, "catalog-1", "catalog", FaultKind.CPU);
  private static final InjectedFault MEMORY = pod(1, "ad-0", "ad", FaultKind.MEMORY);
  private static final InjectedFault LATENCY = pod(2, "payment-0", "payment", FaultKind.LATENCY);
  private static final InjectedFault ERRORS = pod(3, "currency-0", "currency", FaultKind.ERRORS);
  private static final InjectedFault LOSS = pod(4, "shipping-0", "shipping", FaultKind.LOSS);
  private static final InjectedFault DISK = node(5, "node-2", FaultKind.DISK);
  private static final InjectedFault NODE = node(6, "node-3", FaultKind.NODE);

  private static SimRun run;

  @BeforeAll
  static void simulate() {
    List<InjectedFault> faults = List.of(CPU, MEMORY, LATENCY, ERRORS, LOSS, DISK, NODE);
    Simulator sim = new Simulator(OPTIONS, faults);
    run = SimRun.run(sim, Duration.ofMinutes(20 + 70), Duration.ofMinutes(1));
    assertThat(run.started()).containsExactlyElementsOf(faults);
  }

  @Test
  void cpuFaultMultipliesThePodsCpuAndSlowsIt() {
    assertThat(run.during(CPU, "catalog-1", "cpu_usage"))
        .isGreaterThanOrEqualTo(3 * run.before(CPU, "catalog-1", "cpu_usage"));
    assertThat(run.during(CPU, "catalog-1", "latency_p90"))
        .isGreaterThan(1.5 * run.before(CPU, "catalog-1", "latency_p90"));
    assertThat(run.during(CPU, "catalog-0", "cpu_usage"))
        .isLessThan(1.5 * run.before(CPU, "catalog-0", "cpu_usage"));
  }

  @Test
  void memoryFaultClimbsThenHurtsLatencyAndErrors() {
    double[] memory = run.metric("ad-0", "memory_usage", MEMORY.at(), MEMORY.until());
    assertThat(memory[memory.length - 1])
        .isGreaterThan(2 * run.before(MEMORY, "ad-0", "memory_usage"));
    assertThat(memory[memory.length - 1]).isGreaterThan(memory[0]);
    double lateLatency =
        SimRun.median(run.metric("ad-0", "latency_p90", MEMORY.until() - 60_000, MEMORY.until()));
    assertThat(lateLatency).isGreaterThan(2 * run.before(MEMORY, "ad-0", "latency_p90"));
    assertThat(
            run.logs(
                l -> isError(l) && l.resource().instance().equals("ad-0") && during(MEMORY, l)))
        .isNotEmpty()
        .anyMatch(l -> l.body().contains("OutOfMemoryError"));
  }

  @Test
  void latencyFaultSlowsThePodAndItsCallers() {
    assertThat(run.during(LATENCY, "payment-0", "latency_p90"))
        .isGreaterThan(3 * run.before(LATENCY, "payment-0", "latency_p90"));
    assertThat(run.during(LATENCY, "checkout-0", "latency_p90"))
        .isGreaterThan(1.5 * run.before(LATENCY, "checkout-0", "latency_p90"));
    assertThat(run.during(LATENCY, "gateway-0", "latency_p90"))
        .isGreaterThan(run.before(LATENCY, "gateway-0", "latency_p90"));
    List<Span> paymentSpans =
        run.spans(s -> s.resource().service().equals("payment") && during(LATENCY, s));
    assertThat(paymentSpans).isNotEmpty().allMatch(s -> s.durationMicros() > 100_000);
  }

  @Test
  void errorsFaultWritesErrorLogsAndErrorSpansThatCallersSee() {
    List<LogEvent> errors = run.logs(l -> isError(l) && during(ERRORS, l));
    assertThat(errors)
        .anyMatch(
            l -> "currency-0".equals(l.resource().instance()) && l.body().contains("Exception"));
    assertThat(errors).noneMatch(l -> "currency-1".equals(l.resource().instance()));
    assertThat(errors).allMatch(l -> l.traceId() != null && l.spanId() != null);
    assertThat(run.spans(s -> s.error() && during(ERRORS, s) && isServerOf(s, "currency-0")))
        .hasSizeGreaterThan(10);
    assertThat(run.spans(s -> s.error() && during(ERRORS, s) && "currency".equals(s.peer())))
        .anyMatch(s -> s.resource().service().equals("frontend"));
    assertThat(run.during(ERRORS, "currency-0", "error_rate")).isGreaterThan(0.3);
    assertThat(run.during(ERRORS, "frontend-0", "error_rate"))
        .isGreaterThan(10 * run.before(ERRORS, "frontend-0", "error_rate"));
  }

  @Test
  void lossFaultTimesOutCallsAndRaisesRetransmits() {
    assertThat(run.during(LOSS, "shipping-0", "network_retransmits"))
        .isGreaterThan(20 * run.before(LOSS, "shipping-0", "network_retransmits"));
    assertThat(run.spans(s -> "shipping".equals(s.peer()) && s.error() && during(LOSS, s)))
        .isNotEmpty()
        .anyMatch(s -> s.durationMicros() >= 1_000_000);
    assertThat(run.logs(l -> during(LOSS, l) && l.body().contains("retrying"))).isNotEmpty();
    assertThat(run.during(LOSS, "checkout-0", "latency_p90"))
        .isGreaterThan(1.5 * run.before(LOSS, "checkout-0", "latency_p90"));
  }

  @Test
  void diskFaultLoadsTheNodeDiskAndSlowsItsPods() {
    assertThat(run.during(DISK, "node-2", "node_disk_io_utilization"))
        .isGreaterThan(3 * run.before(DISK, "node-2", "node_disk_io_utilization"));
    assertThat(run.during(DISK, "node-2", "node_disk_usage"))
        .isGreaterThan(run.before(DISK, "node-2", "node_disk_usage"));
    for (Pod p : podsOn("node-2")) {
      assertThat(run.during(DISK, p.name(), "latency_p90"))
          .as(p.name())
          .isGreaterThan(run.before(DISK, p.name(), "latency_p90"));
    }
  }

  @Test
  void nodeFaultExhaustsNodeCpuAndSlowsEveryPodOnIt() {
    assertThat(run.during(NODE, "node-3", "node_cpu_usage")).isGreaterThan(0.85);
    assertThat(run.before(NODE, "node-3", "node_cpu_usage")).isLessThan(0.6);
    for (Pod p : podsOn("node-3")) {
      assertThat(run.during(NODE, p.name(), "latency_p90"))
          .as(p.name())
          .isGreaterThan(1.3 * run.before(NODE, p.name(), "latency_p90"));
    }
  }

  @Test
  void nothingFaultyHappensBeforeTheFirstFault() {
    assertThat(run.logs(l -> isError(l) && l.time() < FIRST)).isEmpty();
    assertThat(run.spans(s -> s.error() && s.time() < FIRST)).isEmpty();
    assertThat(run.logs(l -> l.time() < FIRST && l.body().contains("retrying"))).isEmpty();
    assertThat(run.logs(l -> l.time() < FIRST && l.resource().instance() == null)).isEmpty();
  }

  @Test
  void noFaultShowsBeforeItsStart() {
    for (InjectedFault f : List.of(CPU, MEMORY, LATENCY, ERRORS, LOSS, DISK, NODE)) {
      long lastMinute = f.at() - 60_000;
      String e = f.entity().name();
      List<String> metrics = new ArrayList<>();
      switch (f.faultKind()) {
        case CPU -> metrics.add("cpu_usage");
        case MEMORY -> metrics.add("memory_usage");
        case LATENCY -> metrics.add("latency_p90");
        case ERRORS -> metrics.add("error_rate");
        case LOSS -> metrics.add("network_retransmits");
        case DISK -> metrics.add("node_disk_io_utilization");
        case NODE -> metrics.add("node_cpu_usage");
      }
      for (String m : metrics) {
        double baseline = SimRun.median(run.metric(e, m, f.at() - 600_000, lastMinute));
        double[] lastBefore = run.metric(e, m, lastMinute, f.at());
        double firstDuring = run.metric(e, m, f.at(), f.until())[1];
        assertThat(SimRun.median(lastBefore))
            .as("%s %s", f.id(), m)
            .isLessThan(1.5 * baseline + 0.01);
        assertThat(firstDuring).as("%s %s", f.id(), m).isGreaterThan(SimRun.median(lastBefore));
      }
      assertThat(
              run.logs(l -> isError(l) && l.time() < f.at() && e.equals(l.resource().instance())))
          .as(f.id())
          .isEmpty();
    }
  }

  private static List<Pod> podsOn(String node) {
    return run.simulator().pods().stream().filter(p -> p.node().equals(node)).toList();
  }

  private static boolean isServerOf(Span s, String pod) {
    return s.kind() == Span.SpanKind.SERVER && pod.equals(s.resource().instance());
  }

  private static boolean isError(LogEvent l) {
    return "ERROR".equals(l.severity());
  }

  private static boolean during(InjectedFault f, dev.culprit.model.Signal s) {
    return f.activeAt(s.time());
  }

  private static InjectedFault pod(int slot, String pod, String service, FaultKind kind) {
    long at = FIRST + slot * SLOT;
    return new InjectedFault(
        "fault-" + (slot + 1), EntityRef.instance(pod), service, kind.label(), at, at + LENGTH);
  }

  private static InjectedFault node(int slot, String node, FaultKind kind) {
    long at = FIRST + slot * SLOT;
    return new InjectedFault(
        "fault-" + (slot + 1), EntityRef.node(node), null, kind.label(), at, at + LENGTH);
  }
}
