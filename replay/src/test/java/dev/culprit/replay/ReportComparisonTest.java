package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report page shows earlier reports (a baseline ranker's) beside its own, read from JSON. */
class ReportComparisonTest {
  @TempDir Path dir;

  private static ReplayReport replay(String ranker, RankHistory history) throws Exception {
    SimulatedDataset data = new SimulatedDataset(7, Duration.ofMinutes(12));
    Replay replay = new Replay(data, false, ranker);
    try (PipelineDriver driver =
        new DirectDriver(
            CulpritPipeline.build(PipelineConfig.defaults().withRanker(ranker), replay::timed))) {
      return replay.run(driver, p -> {}, history);
    }
  }

  @Test
  void aBaselineReportReadBackFromJsonStandsBesideTheReplay() throws Exception {
    Path baselineFile = dir.resolve("count.json");
    Json.mapper().writeValue(baselineFile.toFile(), replay("count", new RankHistory()));
    ReplayReport baseline = Json.mapper().readValue(baselineFile.toFile(), ReplayReport.class);
    assertThat(baseline.ranker()).isEqualTo("count");

    RankHistory history = new RankHistory();
    ReplayReport own = replay("culprit", history);
    Path page = dir.resolve("report.html");
    ReportPage.write(own, history, List.of(baseline), page);

    String html = Files.readString(page);
    assertThat(html).contains("<h2>Beside the baselines</h2>", "<table id=\"comparison\">");
    String table = html.substring(html.indexOf("<table id=\"comparison\">"));
    table = table.substring(0, table.indexOf("</table>"));
    assertThat(table).contains("<tr class=\"this\"><td>culprit</td>", "<tr><td>count</td>");
    assertThat(table.split("<tr")).hasSize(4); // header, this replay, the baseline
  }
}
