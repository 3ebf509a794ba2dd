package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import dev.culprit.model.Signal;
import dev.culprit.sim.InjectedFault;
import dev.culprit.sim.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A CPU fault at one catalog pod of the simulated system, a minute after its warm-up: replayed
 * through the pipeline on a Kafka broker, it must come back as an incident naming catalog.
 */
final class CatalogFault {
  private final Simulator.Options options = Simulator.Options.defaults(11);
  private final long at = options.start() + options.warmup().toMillis() + 60_000;

  /**
   * Produces twelve minutes of signals past the fault to the canonical topics of the broker at
   * {@code bootstrapServers}, runs the pipeline there as a Kafka Streams application, and returns
   * every incident version it wrote.
   */
  List<Incident> replay(String bootstrapServers) {
    String pod = new Simulator(options).pods("catalog").get(0).name();
    InjectedFault fault =
        new InjectedFault("f1", EntityRef.instance(pod), "catalog", "cpu", at, at + 300_000);
    Simulator simulator = new Simulator(options, List.of(fault));
    List<Incident> incidents = new ArrayList<>();
    try (KafkaDriver driver =
        new KafkaDriver(bootstrapServers, CulpritPipeline.build(PipelineConfig.defaults()))) {
      long end = at + Duration.ofMinutes(12).toMillis();
      while (simulator.now() < end) {
        for (Signal s : simulator.advance(Duration.ofMinutes(1)).signals()) {
          driver.send(s);
        }
        incidents.addAll(driver.drainIncidents());
      }
      incidents.addAll(driver.finish());
    }
    return incidents;
  }

  /**
   * Asserts that the first incident opened by the engine around the fault opened within five
   * minutes of it, ranks catalog in its top three and holds evidence for it.
   */
  void assertFoundIn(List<Incident> incidents) {
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
