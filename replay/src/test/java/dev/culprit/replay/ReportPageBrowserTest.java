package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.web.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The HTML report of a small replay (a simulated system with one fault) opened from its file in a
 * browser: the accuracy table, the per-kind bars and the fault's row and rank line, drawn offline
 * under the page's own policy.
 */
class ReportPageBrowserTest {
  @TempDir Path dir;

  @Test
  void theReportOfASimulatedReplayShowsItsAccuracyKindsAndFaults() throws Exception {
    try (Browser browser = Browser.open()) {
      SimulatedDataset data = new SimulatedDataset(7, Duration.ofMinutes(12));
      Replay replay = new Replay(data, false, "culprit");
      RankHistory history = new RankHistory();
      ReplayReport report;
      try (PipelineDriver driver =
          new DirectDriver(CulpritPipeline.build(PipelineConfig.defaults(), replay::timed))) {
        report = replay.run(driver, p -> {}, history);
      }
      Path file = dir.resolve("report.html");
      ReportPage.write(report, history, file);
      assertThat(Files.readString(file)).doesNotContain("src=\"http");

      ChromeDriver d = browser.driver();
      d.get(file.toUri().toString());
      WebElement kinds =
          browser
              .waiting(Duration.ofSeconds(15))
              .until(x -> d.findElement(By.cssSelector("#kinds[data-kinds='1']")));
      WebElement ranks = d.findElement(By.id("ranks"));

      assertThat(d.findElement(By.id("accuracy")).getText())
          .contains("Faults 1", "Detected 1 (100.0%)", "False incidents per hour");
      assertThat(kinds.findElements(By.cssSelector("svg text")))
          .extracting(WebElement::getText)
          .contains("cpu", "top-1");
      assertThat(ranks.getDomAttribute("data-faults")).isEqualTo("1");
      List<WebElement> cells = d.findElements(By.cssSelector("#faults tbody tr td"));
      assertThat(cells.get(0).getText()).isEqualTo("f1");
      assertThat(cells.get(4).getText()).isNotEqualTo("not detected").startsWith("20");
      assertThat(browser.console().stream().filter(m -> m.contains("Content Security Policy")))
          .isEmpty();
      browser.screenshot("replay-report");
    }
  }
}
