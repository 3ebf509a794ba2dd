package dev.culprit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Incident;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Scopes;
import dev.culprit.model.Topics;
import dev.culprit.sim.FaultKind;
import dev.culprit.sim.InjectedFault;
import dev.culprit.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.TopologyException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoRunnerTest {
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  /** Every cpu sample of node-1 becomes an incident naming node-1: enough to prove the plumbing. */
  static Topology nodeCpuIncidents() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            Topics.METRICS.name(),
            Consumed.with(Topics.METRICS.keySerde(), Topics.METRICS.valueSerde()))
        .filter(
            (key, m) ->
                m.name().equals("instance:node_cpu_utilisation:rate1m")
                    && key.equals("node:node-1"))
        .map((key, m) -> KeyValue.pair("incident-" + m.time(), incident(m)))
        .to(
            Topics.INCIDENTS.name(),
            Produced.with(Topics.INCIDENTS.keySerde(), Topics.INCIDENTS.valueSerde()));
    return builder.build();
  }

  static Incident incident(MetricSample m) {
    return new Incident(
        "incident-" + m.time(),
        1,
        Scopes.DEFAULT,
        m.time(),
        m.time(),
        Incident.Status.OPEN,
        List.of(),
        List.of(),
        List.of(m.entity()),
        List.of(),
        "opened",
        null,
        null);
  }

  @Test
  void reportsInjectedFaultsAndTheIncidentsTheTopologyWrites() throws IOException {
    Simulator.Options options =
        Simulator.Options.defaults(21)
            .withWarmup(Duration.ofMinutes(2))
            .withTracesPerSecond(0.5)
            .withFaults(Duration.ofMinutes(1), Duration.ofMinutes(1), List.of(FaultKind.CPU));
    Simulator simulator = new Simulator(options);
    List<Path> stateDirsBefore = streamsStateDirs();
    List<DemoEvent> events = new ArrayList<>();

    DemoRunner runner =
        new DemoRunner(
            broker.bootstrapServers(),
            nodeCpuIncidents(),
            simulator,
            DemoRunner.Settings.defaults(Duration.ofSeconds(90))
                .withSpeedup(600)
                .withTransport(DemoRunner.Transport.CANONICAL));
    DemoRunner.Summary summary =
        runner.run(
            event -> {
              events.add(event);
              if (count(events, DemoEvent.FaultEvent.class) >= 2
                  && count(events, DemoEvent.IncidentEvent.class) >= 3) {
                runner.stop();
              }
            });

    List<InjectedFault> faults =
        events.stream()
            .filter(e -> e instanceof DemoEvent.FaultEvent)
            .map(e -> ((DemoEvent.FaultEvent) e).fault())
            .toList();
    List<Incident> incidents =
        events.stream()
            .filter(e -> e instanceof DemoEvent.IncidentEvent)
            .map(e -> ((DemoEvent.IncidentEvent) e).incident())
            .toList();
    assertThat(faults).hasSizeGreaterThanOrEqualTo(2);
    assertThat(faults.getFirst().id()).isEqualTo("fault-1");
    assertThat(faults.getFirst().kind()).isEqualTo("cpu");
    assertThat(faults.getFirst().at())
        .isEqualTo(options.start() + Duration.ofMinutes(2).toMillis());
    assertThat(faults).isEqualTo(simulator.faults().subList(0, faults.size()));
    assertThat(incidents).hasSizeGreaterThanOrEqualTo(3);
    assertThat(incidents)
        .allSatisfy(
            i -> {
              assertThat(i.id()).isEqualTo("incident-" + i.openedAt());
              assertThat(i.affected()).containsExactly(EntityRef.node("node-1"));
            });
    assertThat(incidents.getFirst().openedAt()).isEqualTo(options.start());
    assertThat(summary.faults()).isEqualTo(faults.size());
    assertThat(summary.incidents()).isEqualTo(incidents.size());
    assertThat(summary.signals()).isGreaterThan(1000);
    assertThat(summary.simulatedUntil()).isGreaterThan(faults.getLast().at());
    assertThat(streamsStateDirs()).isEqualTo(stateDirsBefore);
  }

  @Test
  void invalidTopologyFailsTheRunAndLeavesNoStateBehind() throws IOException {
    List<Path> stateDirsBefore = streamsStateDirs();
    Topology empty = new StreamsBuilder().build();
    DemoRunner runner =
        new DemoRunner(
            broker.bootstrapServers(),
            empty,
            new Simulator(Simulator.Options.defaults(1)),
            new DemoRunner.Settings(
                "culprit-demo-invalid",
                Duration.ofSeconds(30),
                60,
                Duration.ofSeconds(5),
                Duration.ofMillis(500),
                1,
                DemoRunner.Transport.OTLP));
    List<DemoEvent> events = new ArrayList<>();

    assertThatThrownBy(() -> runner.run(events::add))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("no stream threads");
    assertThat(events).isEmpty();
    assertThat(streamsStateDirs()).isEqualTo(stateDirsBefore);
  }

  private static long count(List<DemoEvent> events, Class<? extends DemoEvent> type) {
    return events.stream().filter(type::isInstance).count();
  }

  private static List<Path> streamsStateDirs() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("culprit-streams-"))
          .sorted()
          .toList();
    }
  }
}
