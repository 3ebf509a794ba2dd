package dev.culprit.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.app.kafka.EmbeddedKafkaBroker;
import dev.culprit.app.sim.InjectedFault;
import dev.culprit.app.sim.Simulator;
import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import dev.culprit.model.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end on a real (in-JVM) Kafka broker: simulated signals are produced to the canonical
 * topics, the pipeline runs as a Kafka Streams application, and ranked incidents are read back.
 */
class PipelineOnBrokerTest {

  @Test
  void producedSignalsComeBackAsARankedIncidentNamingTheFaultyService() throws Exception {
    Simulator.Options options = Simulator.Options.defaults(11);
    Simulator probe = new Simulator(options);
    String pod = probe.pods("catalog").get(0).name();
    long at = options.start() + options.warmup().toMillis() + 60_000;
    InjectedFault fault =
        new InjectedFault("f1", EntityRef.instance(pod), "catalog", "cpu", at, at + 300_000);
    Simulator simulator = new Simulator(options, List.of(fault));
    List<Incident> incidents = new ArrayList<>();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        KafkaDriver driver =
            new KafkaDriver(
                broker.bootstrapServers(), CulpritPipeline.build(PipelineConfig.defaults()))) {
      long end = at + Duration.ofMinutes(12).toMillis();
      while (simulator.now() < end) {
        for (Signal s : simulator.advance(Duration.ofMinutes(1)).signals()) {
          driver.send(s);
        }
        incidents.addAll(driver.drainIncidents());
      }
      incidents.addAll(driver.finish());
    }
    Incident first =
        incidents.stream()
            .filter(i -> i.trigger() == null && i.openedAt() >= at - 60_000)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no incident after the fault: " + incidents));
    assertThat(first.openedAt()).isLessThanOrEqualTo(at + 300_000);
    List<String> top3 =
        first.rootCauses().stream()
            .limit(3)
            .map(rc -> rc.service() != null ? rc.service() : rc.entity())
            .toList();
    assertThat(top3).contains("catalog");
    RootCause catalog =
        first.rootCauses().stream().filter(rc -> "catalog".equals(rc.service())).findFirst().get();
    assertThat(catalog.evidence()).isNotEmpty();
  }
}
