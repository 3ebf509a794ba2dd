package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.correlation.suppress.NoiseModel;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.kafka.TopicReader;
import dev.culprit.model.Alert;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.Suppression;
import dev.culprit.model.Topics;
import dev.culprit.replay.KafkaDriver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppression end to end on the in-JVM broker: an alert delivered again lands in {@code
 * culprit.suppressed} with its reason, and feedback on the incident it opened reaches the next
 * training from the topics.
 */
class SuppressionOnBrokerTest {
  private static final long T = 1_700_000_000_000L;
  private static final long MIN = 60_000;

  @TempDir Path dir;

  @Test
  void aRedeliveredAlertIsSuppressedWithItsReasonAndFeedbackReachesTraining() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      String servers = broker.bootstrapServers();
      List<Incident> incidents = new ArrayList<>();
      try (KafkaDriver driver =
          new KafkaDriver(servers, CulpritPipeline.build(PipelineConfig.defaults()))) {
        Alert disk =
            new Alert(
                Resource.ofService("storage"),
                T,
                0,
                "fp-disk",
                "DiskFull",
                Alert.Severity.CRITICAL,
                Alert.Status.FIRING,
                Map.of("alertname", "DiskFull"),
                Map.of());
        driver.send(disk);
        // Alertmanager sends a firing alert again at every repeat interval
        driver.send(disk);
        for (int m = 1; m <= 8; m++) {
          // alerts elsewhere move event time on, so windows close
          driver.send(
              new Alert(
                  Resource.ofService("clock-" + m),
                  T + m * MIN,
                  0,
                  "fp-" + m,
                  "Heartbeat",
                  Alert.Severity.INFO,
                  Alert.Status.FIRING,
                  Map.of(),
                  Map.of()));
          incidents.addAll(driver.drainIncidents());
        }
        incidents.addAll(driver.finish());
        assertThat(driver.suppressed()).isEqualTo(1);
      }
      List<Evidence> suppressed =
          TopicReader.readAll(servers, Topics.SUPPRESSED, Duration.ofSeconds(30));
      assertThat(suppressed).hasSize(1);
      Evidence held = suppressed.get(0);
      assertThat(held.resource().service()).isEqualTo("storage");
      assertThat(held.feature()).isEqualTo("DiskFull");
      assertThat(held.suppression().kind()).isEqualTo(Suppression.Kind.DUPLICATE);
      assertThat(held.suppression().reason()).contains("DiskFull", "already seen");

      Incident opened =
          incidents.stream()
              .filter(i -> i.rootCauses().stream().anyMatch(r -> r.entity().equals("storage")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no incident names storage: " + incidents));
      assertThat(
              execute("feedback", opened.id(), "--false-positive", "--bootstrap-servers", servers))
          .isZero();

      Path model = dir.resolve("model.json");
      assertThat(
              execute(
                  "train",
                  "--from-topic",
                  Topics.EVIDENCE.name(),
                  "--bootstrap-servers",
                  servers,
                  "--model",
                  model.toString()))
          .isZero();
      NoiseModel m = NoiseModel.read(model);
      assertThat(m.source()).contains("1 false positives");
      assertThat(m.trainedOn()).isGreaterThanOrEqualTo(2);
    }
  }

  private static int execute(String... args) {
    StringWriter out = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int code = cli.execute(args);
    if (code != 0) {
      System.err.println(out);
    }
    return code;
  }
}
