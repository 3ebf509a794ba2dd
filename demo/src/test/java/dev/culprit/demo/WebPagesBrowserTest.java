package dev.culprit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.PipelineConfig;
import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.http.IngestServer;
import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.kafka.KafkaClients;
import dev.culprit.model.Incident;
import dev.culprit.run.LivePipeline;
import dev.culprit.sim.FaultKind;
import dev.culprit.sim.Simulator;
import dev.culprit.web.Browser;
import dev.culprit.web.WebFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages as a person sees them in a browser: a short demo through the real pipeline on an in-JVM
 * broker, its incidents on the live list and on an incident page with the three causes, the drawn
 * subgraph with the first candidate highlighted, and the timeline; a hostile label shown as text;
 * no policy violation in the console. Screenshots go to {@code target/screenshots/}.
 */
class WebPagesBrowserTest {
  private static Browser browser;
  private static EmbeddedKafkaBroker broker;
  private static LivePipeline.WebPages web;
  private static IngestServer server;
  private static Incident demoIncident;

  @BeforeAll
  static void runDemo() throws Exception {
    browser = Browser.open();
    broker = EmbeddedKafkaBroker.start();
    LivePipeline.createTopics(broker.bootstrapServers(), 1, 1 << 20);
    IngestServer.Config config = new IngestServer.Config(0, null, 1 << 20, Duration.ofSeconds(5));
    web =
        LivePipeline.webPages(
            KafkaClients.of(broker.bootstrapServers()), config, FeedbackLinks.unsigned());
    server =
        LivePipeline.startHttp(
            config,
            (topic, payload, headers) -> CompletableFuture.completedFuture(null),
            feedback -> CompletableFuture.completedFuture(null),
            EntityMapping.defaults(),
            FeedbackLinks.unsigned(),
            web.view());
    Simulator.Options options =
        Simulator.Options.defaults(11)
            .withWarmup(Duration.ofMinutes(10))
            .withFaults(Duration.ofMinutes(5), Duration.ofMinutes(5), List.of(FaultKind.CPU));
    DemoRunner runner =
        new DemoRunner(
            broker.bootstrapServers(),
            LivePipeline.topology(PipelineConfig.defaults()),
            new Simulator(options),
            DemoRunner.Settings.defaults(Duration.ofMinutes(4)).withSpeedup(30));
    // at 30 times real time the simulator stays minutes ahead of the pipeline; at 1200 it ran
    // hours ahead (1.9 M signals) and the pipeline worked through them all before the incident
    runner.run(
        event -> {
          if (ranked().isPresent()) {
            runner.stop();
          }
        });
    demoIncident = ranked().orElseThrow(() -> new AssertionError("the demo opened no incident"));
  }

  /** An incident the pipeline opened with three causes, as the web feed holds it. */
  private static Optional<Incident> ranked() {
    return web.board().list().stream()
        .filter(i -> i.trigger() == null && i.rootCauses().size() >= 3)
        .findFirst();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (web != null) {
      web.close();
    }
    if (server != null) {
      server.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Test
  void theListShowsTheDemosIncidentsAndAddsNewOnesLive() {
    ChromeDriver d = browser.driver();
    d.get(url("/incidents"));
    browser
        .waiting(Duration.ofSeconds(10))
        .until(x -> d.findElement(By.id("live")).getText().equals("Live updates: on"));

    WebElement row = d.findElement(By.cssSelector("tr[data-id='" + demoIncident.id() + "']"));
    assertThat(row.getText()).contains(demoIncident.rootCauses().getFirst().ref().key());
    browser.screenshot("incident-list");

    Incident hostile = WebFixtures.incident("inc-live", 1, Incident.Status.OPEN, "default");
    web.board().accept(hostile);
    WebElement live =
        browser
            .waiting(Duration.ofSeconds(10))
            .until(x -> d.findElement(By.cssSelector("tr[data-id='inc-live']")));
    assertThat(live.getText()).contains("service:cart" + WebFixtures.HOSTILE);
    assertThat(d.executeScript("return window.pwned === undefined")).isEqualTo(true);
    assertThat(policyViolations()).isEmpty();
  }

  @Test
  void theIncidentPageShowsThreeCausesTheDrawnSubgraphAndTheTimeline() {
    ChromeDriver d = browser.driver();
    d.get(url("/incident?id=" + demoIncident.id()));
    WebElement graph =
        browser
            .waiting(Duration.ofSeconds(15))
            .until(x -> drawn(d.findElement(By.id("graph")), "nodes"));
    WebElement timeline =
        browser
            .waiting(Duration.ofSeconds(15))
            .until(x -> drawn(d.findElement(By.id("timeline")), "families"));

    List<WebElement> causes = d.findElements(By.cssSelector("#causes li.cause"));
    assertThat(causes).hasSize(3);
    String first = demoIncident.rootCauses().getFirst().ref().key();
    assertThat(causes.getFirst().findElement(By.className("entity")).getText()).isEqualTo(first);
    assertThat(graph.getDomAttribute("data-candidates")).startsWith(first);
    String label = "#1 " + demoIncident.rootCauses().getFirst().entity();
    assertThat(graph.findElements(By.cssSelector("svg text")))
        .extracting(WebElement::getText)
        .contains(label);
    assertThat(timeline.findElements(By.cssSelector("svg text")))
        .extracting(WebElement::getText)
        .contains("metric");
    assertThat(d.findElements(By.cssSelector("#feedback a.button"))).hasSize(4);
    browser.screenshot("incident-page");
    assertThat(policyViolations()).isEmpty();
  }

  @Test
  void aLabelCarryingAScriptRendersAsText() {
    web.board().accept(WebFixtures.incident("inc-hostile", 1, Incident.Status.OPEN, "default"));
    ChromeDriver d = browser.driver();
    d.get(url("/incident?id=inc-hostile"));
    WebElement graph =
        browser
            .waiting(Duration.ofSeconds(15))
            .until(x -> drawn(d.findElement(By.id("graph")), "nodes"));

    assertThat(d.findElement(By.cssSelector("#causes .entity")).getText())
        .isEqualTo("service:cart" + WebFixtures.HOSTILE);
    assertThat(d.findElement(By.id("held")).getText()).contains("flapped 5 times <script>");
    assertThat(graph.findElements(By.cssSelector("svg text")))
        .extracting(WebElement::getText)
        .contains("#1 cart" + WebFixtures.HOSTILE);
    assertThat(d.executeScript("return window.pwned === undefined")).isEqualTo(true);
    assertThat(policyViolations()).isEmpty();
  }

  @Test
  void theGraphPageFindsAnEntityAndDrawsItsNeighbourhood() {
    String entity = demoIncident.rootCauses().getFirst().ref().key();
    ChromeDriver d = browser.driver();
    d.get(url("/graph"));
    d.findElement(By.id("q")).sendKeys(demoIncident.rootCauses().getFirst().entity());
    d.findElement(By.cssSelector("form button")).click();
    browser.waiting(Duration.ofSeconds(10)).until(x -> d.findElement(By.linkText(entity))).click();
    WebElement graph =
        browser
            .waiting(Duration.ofSeconds(15))
            .until(x -> drawn(d.findElement(By.id("graph")), "nodes"));

    assertThat(Integer.parseInt(graph.getDomAttribute("data-nodes"))).isGreaterThan(1);
    browser.screenshot("entity-graph");
    assertThat(policyViolations()).isEmpty();
  }

  private static WebElement drawn(WebElement chart, String attribute) {
    String v = chart.getDomAttribute("data-" + attribute);
    return v == null || v.isEmpty() || v.equals("0") ? null : chart;
  }

  private static List<String> policyViolations() {
    return browser.console().stream().filter(m -> m.contains("Content Security Policy")).toList();
  }
}
