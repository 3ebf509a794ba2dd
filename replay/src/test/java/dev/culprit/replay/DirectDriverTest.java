package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.Signal;
import dev.culprit.model.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fast replay driver against the two it stands in for, on simulated signals with an injected
 * fault: Kafka's TopologyTestDriver (same records in the same order, so the same incident versions
 * and evidence one for one) and the pipeline as a Kafka Streams application on a broker (the same
 * outcome per fault and the same incident counts).
 */
class DirectDriverTest {
  private static final SimulatedDataset DATA = new SimulatedDataset(7, Duration.ofMinutes(12));

  private record Run(List<Incident> incidents, List<Evidence> evidence, long suppressed) {}

  private static Run run(Function<List<Evidence>, PipelineDriver> make) {
    List<Incident> incidents = new ArrayList<>();
    List<Evidence> evidence = new ArrayList<>();
    long faultAt = DATA.fault().time();
    try (PipelineDriver driver = make.apply(evidence)) {
      boolean triggered = false;
      int sent = 0;
      for (Signal s : DATA.signals()) {
        if (!triggered && s.time() >= faultAt + 120_000) {
          driver.trigger(new Trigger("f1", faultAt, null));
          triggered = true;
        }
        driver.send(s);
        if (++sent % 3_000 == 0) {
          incidents.addAll(driver.drainIncidents());
        }
      }
      incidents.addAll(driver.finish());
      return new Run(incidents, evidence, driver.suppressed());
    }
  }

  @Test
  void givesTheTestDriversIncidentsEvidenceAndSuppressionsOneForOne() {
    Run reference =
        run(
            sink ->
                new InProcessDriver(CulpritPipeline.build(PipelineConfig.defaults()), sink::add));
    Run direct =
        run(
            sink ->
                new DirectDriver(
                    CulpritPipeline.build(PipelineConfig.defaults()), sink::add, null));

    assertThat(reference.incidents()).anyMatch(i -> i.trigger() != null);
    assertThat(reference.incidents()).anyMatch(i -> i.trigger() == null);
    assertThat(reference.evidence()).isNotEmpty();
    assertThat(direct.incidents()).containsExactlyElementsOf(reference.incidents());
    assertThat(direct.evidence()).containsExactlyElementsOf(reference.evidence());
    assertThat(direct.suppressed()).isEqualTo(reference.suppressed());
  }

  @Test
  void givesTheSameReplayReportAsThePipelineOnABroker() throws Exception {
    ReplayReport direct = replay(null);
    ReplayReport broker;
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
      broker = replay(kafka.bootstrapServers());
    }

    assertThat(direct.detected()).isEqualTo(1);
    assertThat(direct.cases().get(0).ranking()).isNotEmpty();
    // the broker interleaves repartitioned records with input by fetch timing, so the incident
    // may open a window later and rank fewer causes; the outcome per fault must not change
    assertThat(broker.detected()).isEqualTo(direct.detected());
    assertThat(broker.incidents()).isEqualTo(direct.incidents());
    assertThat(broker.falseIncidents()).isEqualTo(direct.falseIncidents());
    assertThat(broker.cases())
        .extracting(ReplayReport.Case::rank, ReplayReport.Case::serviceRank)
        .isEqualTo(
            direct.cases().stream()
                .map(c -> org.assertj.core.groups.Tuple.tuple(c.rank(), c.serviceRank()))
                .toList());
  }

  private static ReplayReport replay(String bootstrapServers) throws Exception {
    Replay replay = new Replay(DATA, false, "culprit");
    var topology = CulpritPipeline.build(PipelineConfig.defaults(), replay::timed);
    try (PipelineDriver driver =
        bootstrapServers == null
            ? new DirectDriver(topology)
            : new KafkaDriver(bootstrapServers, topology)) {
      return replay.run(driver, p -> {}, i -> {});
    }
  }
}
