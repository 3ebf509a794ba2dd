package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.demo.DemoEvent;
import dev.culprit.demo.DemoLabels;
import dev.culprit.demo.DemoRunner;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Json;
import dev.culprit.record.BackgroundRecorder;
import dev.culprit.run.LivePipeline;
import dev.culprit.sim.FaultKind;
import dev.culprit.sim.InjectedFault;
import dev.culprit.sim.Simulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short demo run, recorded from its broker while it runs and labelled with what it injected, then
 * replayed from the recording with its labels: every injected fault is scored, and found.
 */
class DemoRecordReplayTest {
  @TempDir Path dir;

  @Test
  void aRecordedDemoReplaysWithItsLabelsAndEveryInjectedFaultIsFound() throws Exception {
    Simulator.Options options =
        new Simulator.Options(
            11,
            Simulator.Options.DEFAULT_START,
            5,
            Duration.ofMinutes(20),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofSeconds(15),
            1,
            List.of(FaultKind.CPU));
    long at = options.start() + options.warmup().toMillis();
    List<InjectedFault> faults =
        List.of(
            fault("fault-1", EntityRef.instance("catalog-0"), "catalog", "delay", at),
            fault("fault-2", EntityRef.node("node-1"), null, "node-cpu", at + 900_000),
            fault("fault-3", EntityRef.instance("cart-0"), "cart", "cpu", at + 1_800_000));
    Path recording = dir.resolve("recording");
    Path labels = dir.resolve("labels.csv");
    long recorded;

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        DemoLabels labelsOut = DemoLabels.create(labels);
        BackgroundRecorder recorder =
            BackgroundRecorder.start(broker.bootstrapServers(), recording)) {
      DemoRunner runner =
          new DemoRunner(
              broker.bootstrapServers(),
              LivePipeline.topology(PipelineConfig.defaults()),
              new Simulator(options, faults),
              DemoRunner.Settings.defaults(Duration.ofMinutes(10)).withSpeedup(1200));
      runner.run(
          event -> {
            if (event instanceof DemoEvent.FaultEvent f && f.fault().id().equals("fault-3")) {
              runner.stop();
            } else {
              labelsOut.accept(event);
            }
          });
      recorded = recorder.finish();
    }

    Path report = dir.resolve("report.json");
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int code =
        cli.execute(
            "replay",
            "--dataset",
            "recorded",
            "--path",
            recording.toString(),
            "--labels",
            labels.toString(),
            "--report",
            report.toString(),
            "--quiet");

    assertThat(code).as(out.toString()).isZero();
    JsonNode r = Json.mapper().readTree(Files.readString(report));
    assertThat(r.get("input").asText()).isEqualTo("raw records");
    assertThat(r.get("signals").asLong()).isEqualTo(recorded).isPositive();
    assertThat(r.get("faults").asInt()).isEqualTo(2);
    assertThat(r.get("cases"))
        .extracting(c -> c.get("id").asText())
        .containsExactly("fault-1", "fault-2");
    assertThat(r.get("detected").asInt()).as("every injected fault matched").isEqualTo(2);
    assertThat(r.get("by_kind"))
        .extracting(k -> k.get("kind").asText())
        .containsExactly("delay", "node-cpu");
  }

  private static InjectedFault fault(
      String id, EntityRef entity, String service, String kind, long at) {
    return new InjectedFault(id, entity, service, kind, at, at + 300_000);
  }
}
