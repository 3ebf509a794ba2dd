package dev.culprit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.MetricClass;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  @Test
  void sameSeedGivesSameSignalsWhateverTheSteps() {
    Simulator.Options options = Simulator.Options.defaults(7).withWarmup(Duration.ofMinutes(5));
    SimRun coarse =
        SimRun.run(new Simulator(options), Duration.ofMinutes(15), Duration.ofMinutes(1));
    SimRun fine = SimRun.run(new Simulator(options), Duration.ofMinutes(15), Duration.ofSeconds(7));
    SimRun other =
        SimRun.run(
            new Simulator(Simulator.Options.defaults(8).withWarmup(Duration.ofMinutes(5))),
            Duration.ofMinutes(15),
            Duration.ofMinutes(1));

    assertThat(coarse.signals()).hasSizeGreaterThan(10_000);
    assertThat(fine.signals()).isEqualTo(coarse.signals());
    assertThat(fine.started()).isEqualTo(coarse.started()).hasSize(1);
    assertThat(other.signals()).isNotEqualTo(coarse.signals());
  }

  @Test
  void batchesHoldTheirStepsSignalsInTimeOrder() {
    Simulator sim = new Simulator(Simulator.Options.defaults(1));
    long start = sim.now();
    Simulator.Batch first = sim.advance(Duration.ofSeconds(30));
    Simulator.Batch second = sim.advance(Duration.ofSeconds(30));

    assertThat(first.from()).isEqualTo(start);
    assertThat(second.from()).isEqualTo(first.until()).isEqualTo(start + 30_000);
    for (Simulator.Batch b : List.of(first, second)) {
      List<Long> times = b.signals().stream().map(Signal::time).toList();
      assertThat(times).isSorted().allMatch(t -> t >= b.from() && t < b.until());
    }
  }

  @Test
  void randomScheduleWarmsUpThenInjectsEveryKindWithoutOverlap() {
    Simulator.Options options = Simulator.Options.defaults(3);
    Simulator sim = new Simulator(options);
    List<InjectedFault> faults =
        sim.faultsStartingIn(options.start(), options.start() + Duration.ofHours(4).toMillis());

    assertThat(faults).hasSizeGreaterThanOrEqualTo(FaultKind.values().length);
    assertThat(faults.subList(0, FaultKind.values().length).stream().map(InjectedFault::kind))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(FaultKind.values()).map(FaultKind::label).toList());
    assertThat(faults.getFirst().at()).isEqualTo(options.start() + options.warmup().toMillis());
    for (int i = 1; i < faults.size(); i++) {
      InjectedFault previous = faults.get(i - 1);
      InjectedFault f = faults.get(i);
      assertThat(f.at() - previous.until())
          .isGreaterThanOrEqualTo(options.gapBetweenFaults().toMillis());
      assertThat(f.until() - f.at()).isEqualTo(options.faultDuration().toMillis());
    }
    Set<String> pods = sim.pods().stream().map(Pod::name).collect(Collectors.toSet());
    for (InjectedFault f : faults) {
      assertThat(f.faultKind().podLevel() ? pods : Set.copyOf(sim.nodes()))
          .contains(f.entity().name());
    }
  }

  @Test
  void systemHasTwelveServicesOnThreeNodesWithAFanOutGraph() {
    Simulator sim = new Simulator(Simulator.Options.defaults(1));

    assertThat(sim.services()).hasSize(12).startsWith("gateway", "frontend");
    assertThat(sim.nodes()).containsExactly("node-1", "node-2", "node-3");
    assertThat(sim.callees("frontend"))
        .contains("catalog", "currency", "cart", "recommendation", "ad", "checkout", "shipping");
    assertThat(sim.callees("checkout")).contains("payment", "email", "shipping", "cart");
    assertThat(sim.callees("cart")).containsExactly("redis-cart");
    assertThat(sim.callers("catalog")).containsExactly("frontend", "checkout", "recommendation");
    assertThat(sim.pods()).allMatch(p -> sim.nodes().contains(p.node()));
    assertThat(sim.services()).allMatch(s -> !sim.pods(s).isEmpty() && sim.pods(s).size() <= 2);
  }

  @Test
  void metricsAreNamedAsPrometheusExportersNameThemAndInferTheirClass() {
    SimRun run =
        SimRun.run(
            new Simulator(Simulator.Options.defaults(2)),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1));
    Map<String, MetricClass> classes = new HashMap<>();
    run.signals().stream()
        .filter(s -> s instanceof MetricSample)
        .map(MetricSample.class::cast)
        .forEach(m -> classes.put(m.name(), m.metricClass()));

    assertThat(classes)
        .containsEntry(MetricEmitter.CONTAINER_CPU, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.CONTAINER_THROTTLED, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.CONTAINER_MEMORY, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.CONTAINER_TX, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.CONTAINER_RX, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.CONTAINER_RETRANSMITS, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.CONTAINER_FS_WRITES, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.CONTAINER_FS_IO_TIME, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.CONTAINER_RESTARTS, MetricClass.OTHER)
        .containsEntry(MetricEmitter.HTTP_DURATION_P90, MetricClass.LATENCY)
        .containsEntry(MetricEmitter.HTTP_REQUESTS, MetricClass.THROUGHPUT)
        .containsEntry(MetricEmitter.HTTP_ERRORS, MetricClass.ERRORS)
        .containsEntry(MetricEmitter.REDIS_COMMANDS, MetricClass.OTHER)
        .containsEntry(MetricEmitter.REDIS_FAILED, MetricClass.ERRORS)
        .containsEntry(MetricEmitter.REDIS_DURATION, MetricClass.LATENCY)
        .containsEntry(MetricEmitter.NODE_CPU_UTILISATION, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.NODE_MEMORY_UTILISATION, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.NODE_PAGE_FAULTS, MetricClass.OTHER)
        .containsEntry(MetricEmitter.NODE_DISK_IO, MetricClass.RESOURCE)
        .containsEntry(MetricEmitter.NODE_FILESYSTEM, MetricClass.RESOURCE)
        .hasSize(20);
  }

  @Test
  void spansNestInsideTheirParents() {
    SimRun run =
        SimRun.run(
            new Simulator(Simulator.Options.defaults(4)),
            Duration.ofMinutes(2),
            Duration.ofMinutes(1));
    Map<String, Span> byId = new HashMap<>();
    run.spans(s -> true).forEach(s -> byId.put(s.traceId() + "/" + s.spanId(), s));

    List<Span> children = run.spans(s -> s.parentSpanId() != null);
    assertThat(children).hasSizeGreaterThan(1000);
    for (Span child : children) {
      Span parent = byId.get(child.traceId() + "/" + child.parentSpanId());
      assertThat(parent).as("parent of %s", child).isNotNull();
      long parentStart = parent.time() * 1000;
      assertThat(child.time() * 1000).isGreaterThanOrEqualTo(parentStart);
      assertThat(child.time() * 1000 + child.durationMicros())
          .isLessThanOrEqualTo(parentStart + 1000 + parent.durationMicros());
    }
  }

  @Test
  void optionsAreValidated() {
    Simulator.Options ok = Simulator.Options.defaults(1);
    assertThatThrownBy(() -> ok.withTracesPerSecond(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tracesPerSecond");
    assertThatThrownBy(() -> ok.withWarmup(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withFaults(Duration.ZERO, Duration.ZERO, List.of(FaultKind.CPU)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withFaults(Duration.ofMinutes(1), Duration.ZERO, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Simulator(ok).advance(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
