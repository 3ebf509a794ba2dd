package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Incident;
import dev.culprit.model.Json;
import dev.culprit.replay.TestDatasets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Replays the Online Boutique alert set of {@code ../shared/datasets} when present and checks that
 * every labelled fault is in the report, scored strictly and at service level.
 */
class FaultAlertsReplayIT {
  @TempDir Path tmp;

  @Test
  void replayReportsAllSeventyFaults() throws Exception {
    Path incidents = tmp.resolve("incidents.jsonl");
    JsonNode r = replay("r.json", "--incidents-out", incidents.toString());
    assertThat(r.get("faults").asInt()).isEqualTo(70);
    assertThat(r.get("cases")).hasSize(70);
    assertThat(r.get("signals").asLong()).isEqualTo(18_779);
    assertThat(r.has("top1_service") && r.has("top3_service")).isTrue();
    assertThat(r.get("top3_service").asDouble())
        .isGreaterThanOrEqualTo(r.get("top1_service").asDouble());
    JsonNode first = r.get("cases").get(0);
    assertThat(first.get("truth").asText()).isEqualTo("cartservice");
    assertThat(first.has("service_rank")).isTrue();
    assertThat(r.get("without")).isEmpty();
    JsonNode ranking = r.get("ranking_ms");
    assertThat(ranking.get("count").asLong()).isPositive();
    assertThat(ranking.has("p50") && ranking.has("p99") && ranking.has("max")).isTrue();
    // alert novelty and instance-level reporting: strict top-1 at least one half (issue 5)
    assertThat(r.get("top1").asDouble()).isGreaterThanOrEqualTo(0.5);
    List<Incident> versions =
        Files.readAllLines(incidents).stream()
            .map(line -> Json.mapper().convertValue(readTree(line), Incident.class))
            .toList();
    assertThat(versions.stream().map(Incident::id).distinct().count())
        .isEqualTo(r.get("incidents").asLong());
    Incident ranked =
        versions.stream().filter(i -> !i.rootCauses().isEmpty()).findFirst().orElseThrow();
    assertThat(ranked.subgraph().nodes())
        .extracting(n -> n.name())
        .contains(ranked.rootCauses().get(0).entity());
  }

  @Test
  void withoutAlertsNothingReachesThePipeline() throws Exception {
    JsonNode r = replay("without.json", "--without", "alerts");
    assertThat(r.get("signals").asLong()).isZero();
    assertThat(r.get("detected").asInt()).isZero();
    assertThat(r.get("without")).extracting(JsonNode::asText).containsExactly("alerts");
    assertThat(r.get("replayed_hours").asDouble()).isGreaterThan(39);
  }

  @Test
  void aModelTrainedOnTheFirstHalfSuppressesOnTheSecondWithoutLosingItsFaults() throws Exception {
    Path dir = TestDatasets.dir().resolve("fault-alerts-ob-cloudbed-1");
    assumeTrue(Files.isDirectory(dir), "dataset not found at " + dir + ": skipping");
    String split = "2022-03-20T17:15:00Z";
    Path model = tmp.resolve("model.json");
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int code =
        cli.execute(
            "train",
            "--dataset",
            "fault-alerts",
            "--path",
            dir.toString(),
            "--until",
            split,
            "--model",
            model.toString(),
            "--quiet");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("model written to");
    JsonNode off = replay("off.json", "--score-from", split, "--no-suppression");
    JsonNode on = replay("on.json", "--score-from", split, "--model", model.toString());
    assertThat(off.get("faults").asInt()).isEqualTo(35);
    assertThat(off.get("suppressed").asLong()).isZero();
    assertThat(off.get("suppression").asText()).isEqualTo("off");
    assertThat(on.get("suppressed").asLong()).isGreaterThan(1000);
    assertThat(on.get("suppression").asText()).startsWith("model ");
    assertThat(on.get("false_incidents").asInt())
        .isLessThanOrEqualTo(off.get("false_incidents").asInt());
    assertThat(on.get("detected").asInt()).isGreaterThanOrEqualTo(off.get("detected").asInt() - 1);
    assertThat(on.get("top3").asDouble()).isGreaterThanOrEqualTo(off.get("top3").asDouble());
  }

  /**
   * Replays the set (skipping the test when it is absent) with {@code options}, asserts a zero exit
   * code, and returns the report written to {@code reportName} in the temporary directory.
   */
  private JsonNode replay(String reportName, String... options) throws Exception {
    Path dir = TestDatasets.dir().resolve("fault-alerts-ob-cloudbed-1");
    assumeTrue(Files.isDirectory(dir), "dataset not found at " + dir + ": skipping");
    Path report = tmp.resolve(reportName);
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "replay",
                "--dataset",
                "fault-alerts",
                "--path",
                dir.toString(),
                "--report",
                report.toString(),
                "--quiet"));
    args.addAll(List.of(options));
    assertThat(cli.execute(args.toArray(String[]::new))).isZero();
    return Json.mapper().readTree(report.toFile());
  }

  private static JsonNode readTree(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
