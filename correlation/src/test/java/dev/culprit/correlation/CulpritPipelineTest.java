package dev.culprit.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.rank.RankTimings;
import dev.culprit.correlation.rank.TimedRanker;
import dev.culprit.model.Alert;
import dev.culprit.model.EntityKind;
import dev.culprit.model.Incident;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.RootCause;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import dev.culprit.model.Subgraph;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import dev.culprit.model.Trigger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CulpritPipelineTest {
  @TempDir Path state;

  private static final long FAULT = SyntheticSystem.T0 + 40 * 60_000;

  @Test
  void detectsTheFaultAndRanksTheFaultyServiceFirst() {
    List<Incident> incidents = run(PipelineConfig.defaults(), null);
    List<Incident> opened = incidents.stream().filter(i -> i.trigger() == null).toList();
    assertThat(opened).isNotEmpty();
    Incident first = opened.get(0);
    assertThat(first.openedAt()).isBetween(FAULT - 60_000, FAULT + 120_000);
    assertThat(first.rootCauses()).isNotEmpty();
    assertThat(first.rootCauses().get(0).entity()).isEqualTo("db-proxy");
    assertThat(first.rootCauses().get(0).kind()).isEqualTo(EntityKind.SERVICE);
    assertThat(first.rootCauses().get(0).evidence()).isNotEmpty();
    assertThat(first.rootCauses().get(0).explanation()).contains("db-proxy");
    assertThat(first.subgraph().nodes())
        .extracting(Subgraph.Node::id)
        .contains("service:db-proxy", "service:orders", "instance:db-proxy-6f7d8-klmno");
    assertThat(first.subgraph().edges())
        .anySatisfy(
            e -> {
              assertThat(e.source()).isEqualTo("service:orders");
              assertThat(e.target()).isEqualTo("service:db-proxy");
              assertThat(e.kind()).isEqualTo("calls");
              assertThat(e.calls()).isPositive();
            });
    Incident last =
        opened.stream().filter(i -> i.id().equals(first.id())).reduce((a, b) -> b).orElseThrow();
    assertThat(last.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(last.version()).isGreaterThan(1);
  }

  @Test
  void noIncidentWithoutFault() {
    List<Incident> incidents = run(PipelineConfig.defaults(), null, Long.MAX_VALUE);
    assertThat(incidents).isEmpty();
  }

  @Test
  void aTriggerYieldsARankingForThatMoment() {
    List<Incident> incidents = run(PipelineConfig.defaults(), new Trigger("f1", FAULT, null));
    Incident triggered =
        incidents.stream().filter(i -> "f1".equals(i.trigger())).findFirst().orElseThrow();
    assertThat(triggered.id()).isEqualTo("trigger-f1");
    assertThat(triggered.rootCauses().get(0).entity()).isEqualTo("db-proxy");
  }

  @Test
  void theBaselineRankersRunInThePipelineAndRankTheFaultyServiceFirst() {
    for (String name : List.of("count", "microrca")) {
      List<Incident> incidents =
          run(PipelineConfig.defaults().withRanker(name), new Trigger("f1", FAULT, null));
      Incident triggered =
          incidents.stream().filter(i -> "f1".equals(i.trigger())).findFirst().orElseThrow();
      assertThat(triggered.rootCauses())
          .as(name)
          .extracting(RootCause::entity)
          .startsWith("db-proxy");
    }
  }

  @Test
  void aDecoratorWrapsEveryRankerThePipelineUses() {
    RankTimings timings = new RankTimings();
    Topology topology =
        CulpritPipeline.build(PipelineConfig.defaults(), r -> new TimedRanker(r, timings));

    List<Incident> incidents = run(topology, null, FAULT);

    assertThat(incidents).isNotEmpty();
    assertThat(timings.summary().count()).isGreaterThanOrEqualTo(incidents.size());
  }

  private List<Incident> run(PipelineConfig config, Trigger trigger) {
    return run(config, trigger, FAULT);
  }

  private List<Incident> run(PipelineConfig config, Trigger trigger, long faultAt) {
    return run(CulpritPipeline.build(config), trigger, faultAt);
  }

  private List<Incident> run(Topology topology, Trigger trigger, long faultAt) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, p)) {
      TestInputTopic<String, MetricSample> metrics = input(driver, Topics.METRICS);
      TestInputTopic<String, LogEvent> logs = input(driver, Topics.LOGS);
      TestInputTopic<String, Span> spans = input(driver, Topics.SPANS);
      TestInputTopic<String, Alert> alerts = input(driver, Topics.ALERTS);
      TestInputTopic<String, Trigger> triggers = input(driver, Topics.TRIGGERS);
      boolean triggerSent = false;
      for (Signal s : SyntheticSystem.run(60, faultAt, faultAt + 5 * 60_000)) {
        if (trigger != null && !triggerSent && s.time() >= trigger.at()) {
          triggers.pipeInput(trigger.scope(), trigger, Instant.ofEpochMilli(trigger.at()));
          triggerSent = true;
        }
        Instant at = Instant.ofEpochMilli(s.time());
        String key = s.entity().key();
        switch (s) {
          case MetricSample m -> metrics.pipeInput(key, m, at);
          case LogEvent l -> logs.pipeInput(key, l, at);
          case Span sp -> spans.pipeInput(key, sp, at);
          case Alert a -> alerts.pipeInput(key, a, at);
        }
      }
      return driver
          .createOutputTopic(
              Topics.INCIDENTS.name(),
              Topics.INCIDENTS.keySerde().deserializer(),
              Topics.INCIDENTS.valueSerde().deserializer())
          .readValuesToList();
    }
  }

  private static <V> TestInputTopic<String, V> input(
      TopologyTestDriver driver, Topic<String, V> t) {
    return driver.createInputTopic(
        t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
  }
}
