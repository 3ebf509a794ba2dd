package dev.culprit.correlation.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.incident.IncidentConfig;
import dev.culprit.correlation.incident.IncidentStage;
import dev.culprit.correlation.rank.EvidenceGraphRanker;
import dev.culprit.correlation.scope.ScopeStage;
import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import dev.culprit.model.Suppression;
import dev.culprit.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppression in front of the incident stage (scope → suppression → incidents, as in the pipeline):
 * what a rule or the noise model holds back is published with its reason, never opens an incident
 * on its own, and still counts inside one.
 */
class SuppressionStageTest {
  @TempDir Path state;
  private static final long MIN = 60_000;
  private static final long T = 1_000 * MIN;

  /** Output of one run: incident versions and suppressed evidence. */
  private record Out(List<Incident> incidents, List<Evidence> suppressed) {}

  @Test
  void evidenceTheModelCallsNoiseOpensNothingAndIsPublishedWithItsReason() {
    Out out = run(SuppressionConfig.defaults(), () -> resourceMetricsAreNoise(), this::cpuSpike);
    assertThat(out.incidents()).isEmpty();
    assertThat(out.suppressed()).hasSize(1);
    Suppression s = out.suppressed().get(0).suppression();
    assertThat(s.kind()).isEqualTo(Suppression.Kind.CLUSTER);
    assertThat(s.cluster()).isEqualTo(0);
    assertThat(s.noiseRate()).isEqualTo(1.0);
    assertThat(s.model()).isEqualTo("test-model");
    assertThat(s.reason()).contains("cluster 0", "100% of which led nowhere");
  }

  @Test
  void withoutSuppressionTheSameEvidenceOpensAnIncident() {
    Out out = run(SuppressionConfig.off(), () -> resourceMetricsAreNoise(), this::cpuSpike);
    assertThat(out.suppressed()).isEmpty();
    assertThat(out.incidents()).isNotEmpty();
    assertThat(out.incidents().get(0).rootCauses().get(0).entity()).isEqualTo("orders");
  }

  @Test
  void suppressedEvidenceStillCountsInAnIncidentOtherSignalsOpened() {
    Out out =
        run(
            SuppressionConfig.defaults(),
            () -> resourceMetricsAreNoise(),
            events ->
                cpuSpike(
                    events,
                    () ->
                        events.pipeInput(
                            "payments",
                            new ScopedEvent.EvidenceEvent(errors("payments", 30, T + 3 * MIN)),
                            at(T + 3 * MIN))));
    assertThat(out.suppressed()).hasSize(1);
    Incident opened = out.incidents().get(0);
    assertThat(opened.change()).isEqualTo("opened");
    assertThat(opened.evidence())
        .anySatisfy(
            e -> {
              assertThat(e.resource().service()).isEqualTo("orders");
              assertThat(e.suppression()).isNotNull();
            });
    assertThat(opened.rootCauses()).extracting(r -> r.entity()).contains("payments", "orders");
  }

  @Test
  void anAlertThatFiresAndResolvesOverAndOverIsSuppressedAsFlapping() {
    Out out =
        run(
            SuppressionConfig.defaults(),
            ModelSource.none(),
            events -> {
              // fires one minute, quiet the next, seven times within the hour
              for (int m = 1; m <= 14; m++) {
                if (m % 2 == 1) {
                  Evidence a = alert("checkout", "HighLatency", T + m * MIN);
                  events.pipeInput("checkout", new ScopedEvent.EvidenceEvent(a), at(T + m * MIN));
                }
                tick(events, T + m * MIN);
              }
            });
    assertThat(out.suppressed()).hasSize(2);
    assertThat(out.suppressed())
        .allSatisfy(
            e -> {
              assertThat(e.suppression().kind()).isEqualTo(Suppression.Kind.FLAPPING);
              assertThat(e.suppression().reason())
                  .contains("HighLatency", "checkout", "times in the last hour");
            });
  }

  @Test
  void theSameAlertDeliveredTwiceIsSuppressedAsADuplicate() {
    Out out =
        run(
            SuppressionConfig.defaults(),
            ModelSource.none(),
            events -> {
              Evidence a = alert("checkout", "HighLatency", T + MIN);
              events.pipeInput("checkout", new ScopedEvent.EvidenceEvent(a), at(T + MIN));
              events.pipeInput("checkout", new ScopedEvent.EvidenceEvent(a), at(T + MIN));
              tick(events, T + MIN);
              tick(events, T + 2 * MIN);
            });
    assertThat(out.suppressed()).hasSize(1);
    assertThat(out.suppressed().get(0).suppression().kind()).isEqualTo(Suppression.Kind.DUPLICATE);
    assertThat(out.incidents()).isNotEmpty();
  }

  private void cpuSpike(TestInputTopic<String, ScopedEvent> events) {
    cpuSpike(events, () -> {});
  }

  /** A strong CPU rise at {@code orders} in minute 3, with {@code alongside} in the same minute. */
  private void cpuSpike(TestInputTopic<String, ScopedEvent> events, Runnable alongside) {
    for (int m = 1; m <= 2; m++) {
      tick(events, T + m * MIN);
    }
    Evidence cpu =
        new Evidence(
            Resource.ofService("orders"),
            SignalType.METRIC,
            EvidenceFamily.METRIC_RESOURCE,
            "cpu",
            40,
            1,
            0,
            Evidence.Direction.UP,
            T + 2 * MIN,
            T + 3 * MIN,
            "");
    events.pipeInput("orders", new ScopedEvent.EvidenceEvent(cpu), at(T + 3 * MIN));
    alongside.run();
    for (int m = 3; m <= 8; m++) {
      tick(events, T + m * MIN);
    }
  }

  /**
   * A model with one cluster: resource metrics of services going up, whatever their strength or
   * time (every numeric feature is left out), all of 50 past ones noise.
   */
  private static NoiseModel resourceMetricsAreNoise() {
    List<String> names = AlertFeatures.names();
    double[] mean = new double[names.size()];
    double[] scale = new double[names.size()];
    double[] centroid = new double[names.size()];
    for (int i = 0; i < names.size(); i++) {
      scale[i] = AlertFeatures.categorical(i) ? 1 : 0;
      String n = names.get(i);
      if (n.equals("family=metric_resource")
          || n.equals("entity=service")
          || n.equals("direction=up")) {
        centroid[i] = 1;
      }
    }
    return new NoiseModel(
        NoiseModel.FORMAT,
        "test-model",
        0,
        "test",
        "test",
        names,
        mean,
        scale,
        List.of(new NoiseModel.Cluster(0, centroid, 0.5, 50, 50, "metric resource on services")),
        50,
        0);
  }

  private static Evidence errors(String svc, double score, long t) {
    return new Evidence(
        Resource.ofService(svc),
        SignalType.LOG,
        EvidenceFamily.LOG_ERRORS,
        "error log lines",
        score,
        score,
        0,
        Evidence.Direction.UP,
        t - MIN,
        t,
        "");
  }

  private static Evidence alert(String svc, String name, long t) {
    return new Evidence(
        Resource.ofService(svc),
        SignalType.ALERT,
        EvidenceFamily.ALERT,
        name,
        12,
        1,
        0,
        Evidence.Direction.NEW,
        t,
        t,
        "alert " + name);
  }

  private static Instant at(long t) {
    return Instant.ofEpochMilli(t);
  }

  private static void tick(TestInputTopic<String, ScopedEvent> in, long t) {
    in.pipeInput("tick", new ScopedEvent.Tick(t), at(t));
  }

  private Out run(
      SuppressionConfig config,
      Supplier<NoiseModel> model,
      Consumer<TestInputTopic<String, ScopedEvent>> feeder) {
    StreamsBuilder b = new StreamsBuilder();
    var byScope =
        new ScopeStage("default")
            .addTo(b, b.stream("events", Consumed.with(Serdes.String(), ScopedEvent.serde())));
    var decided = new SuppressionStage(config, model).addTo(b, byScope);
    new IncidentStage(IncidentConfig.defaults(), EvidenceGraphRanker::new, Duration.ofHours(24))
        .addTo(b, decided);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "suppression-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (TopologyTestDriver d = new TopologyTestDriver(b.build(), p)) {
      feeder.accept(
          d.createInputTopic(
              "events", Serdes.String().serializer(), ScopedEvent.serde().serializer()));
      List<Incident> incidents =
          d.createOutputTopic(
                  Topics.INCIDENTS.name(),
                  Topics.INCIDENTS.keySerde().deserializer(),
                  Topics.INCIDENTS.valueSerde().deserializer())
              .readValuesToList();
      List<Evidence> suppressed =
          d.createOutputTopic(
                  Topics.SUPPRESSED.name(),
                  Topics.SUPPRESSED.keySerde().deserializer(),
                  Topics.SUPPRESSED.valueSerde().deserializer())
              .readValuesToList();
      return new Out(incidents, suppressed);
    }
  }
}
