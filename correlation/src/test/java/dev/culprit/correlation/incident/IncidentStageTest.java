package dev.culprit.correlation.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.rank.EvidenceGraphRanker;
import dev.culprit.correlation.scope.ScopeStage;
import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.correlation.suppress.ModelSource;
import dev.culprit.correlation.suppress.SuppressionConfig;
import dev.culprit.correlation.suppress.SuppressionStage;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import dev.culprit.model.Topics;
import dev.culprit.model.Trigger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentStageTest {
  @TempDir Path state;
  private static final long MIN = 60_000;
  private static final long T = 1_000 * MIN;

  @Test
  void opensOnStrongEvidenceReRanksAndResolvesAfterTheQuietPeriod() {
    List<Incident> out =
        run(
            events -> {
              tick(events, T);
              evidence(events, "cart", 3, T + MIN); // weak: opens nothing
              tick(events, T + MIN);
              evidence(events, "cart", 20, T + 2 * MIN);
              tick(events, T + 2 * MIN);
              // another metric: the same metric reaching half as far elsewhere would weigh it down
              evidence(events, "db", "query_latency", 40, T + 3 * MIN);
              tick(events, T + 3 * MIN);
              for (int m = 4; m <= 8; m++) {
                tick(events, T + m * MIN);
              }
            });
    assertThat(out).extracting(Incident::version).containsExactly(1, 2, 3);
    assertThat(out).extracting(Incident::change).first().isEqualTo("opened");
    assertThat(out.get(0).openedAt()).isEqualTo(T + MIN);
    assertThat(out.get(0).rootCauses().get(0).entity()).isEqualTo("cart");
    assertThat(out.get(1).change()).startsWith("ranking changed");
    assertThat(out.get(1).rootCauses().get(0).entity()).isEqualTo("db");
    assertThat(out.get(2).status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(out.get(2).updatedAt()).isEqualTo(T + 5 * MIN);
    assertThat(out).extracting(Incident::id).containsOnly(out.get(0).id());
  }

  @Test
  void anOpeningPolicyOfTwoFamiliesWaitsForASecondKindOfTrouble() {
    Feeder feeder =
        events -> {
          tick(events, T);
          // two readings of one kind of trouble (resource metrics) at cart
          evidence(events, "cart", "cpu", 30, T + MIN);
          evidence(events, "cart", "memory", 30, T + MIN);
          tick(events, T + MIN);
          // then error lines as well
          evidence(events, "cart", "cpu", 30, T + 2 * MIN);
          logEvidence(events, "cart", 30, T + 2 * MIN);
          tick(events, T + 2 * MIN);
        };
    assertThat(run(feeder)).first().extracting(Incident::openedAt).isEqualTo(T);
    List<Incident> policed =
        run(feeder, IncidentConfig.defaults().withOpening(new OpeningPolicy(1, 2)));
    assertThat(policed).isNotEmpty();
    assertThat(policed.get(0).openedAt()).isEqualTo(T + MIN);
    assertThat(policed.get(0).rootCauses().get(0).entity()).isEqualTo("cart");
    assertThat(run(feeder, IncidentConfig.defaults().withOpening(new OpeningPolicy(3, 1))))
        .isEmpty();
  }

  @Test
  void aTriggerRanksTheEvidenceAroundItsMomentOnceTheHorizonHasPassed() {
    List<Incident> out =
        run(
            events -> {
              events.pipeInput("x", new ScopedEvent.TriggerEvent(new Trigger("f7", T, null)));
              evidence(events, "cart", 5, T + MIN);
              tick(events, T + MIN);
              tick(events, T + 4 * MIN);
              tick(events, T + 5 * MIN);
            });
    assertThat(out).hasSize(1);
    assertThat(out.get(0).trigger()).isEqualTo("f7");
    assertThat(out.get(0).updatedAt()).isEqualTo(T + 5 * MIN);
    assertThat(out.get(0).rootCauses()).extracting(r -> r.entity()).containsExactly("cart");
  }

  @Test
  void anAlertThatKeepsFiringStopsOpeningIncidentsWhileANewOneStillDoes() {
    List<Incident> out =
        run(
            events -> {
              for (int m = 1; m <= 40; m++) {
                alert(events, "noisy", "DiskFull", T + m * MIN);
                tick(events, T + m * MIN);
              }
              alert(events, "fresh", "OOMKilled", T + 41 * MIN);
              for (int m = 41; m <= 50; m++) {
                tick(events, T + m * MIN);
              }
            });
    List<Incident> opened = out.stream().filter(i -> i.change().equals("opened")).toList();
    assertThat(opened).hasSize(2);
    assertThat(opened.get(0).rootCauses().get(0).entity()).isEqualTo("noisy");
    assertThat(opened.get(0).openedAt()).isLessThan(T + 3 * MIN);
    assertThat(opened.get(1).rootCauses().get(0).entity()).isEqualTo("fresh");
  }

  @Test
  void evidenceThatArrivesAfterItsMinuteWasTickedStillOpensAnIncident() {
    List<Incident> out =
        run(
            events -> {
              for (int m = 1; m <= 5; m++) {
                tick(events, T + m * MIN);
              }
              // evidence built from whole traces comes minutes after its window
              evidence(events, "orders", "queue_depth", 40, T + 3 * MIN);
              tick(events, T + 6 * MIN);
              tick(events, T + 7 * MIN);
            });
    assertThat(out).isNotEmpty();
    assertThat(out.get(0).change()).isEqualTo("opened");
    assertThat(out.get(0).openedAt()).isEqualTo(T + 5 * MIN);
    assertThat(out.get(0).rootCauses().get(0).entity()).isEqualTo("orders");
  }

  @Test
  void aFaultThatComesBackIsNotRankedAsUsualBecauseOfItsFirstIncident() {
    List<Incident> out =
        run(
            events -> {
              for (int m = 1; m <= 30; m++) {
                if (m <= 8 || m >= 20) {
                  logEvidence(events, "orders", 20, T + m * MIN);
                }
                if (m >= 20) {
                  evidence(events, "cart", "cpu", 12, T + m * MIN);
                }
                tick(events, T + m * MIN);
              }
            });
    List<String> ids = out.stream().map(Incident::id).distinct().toList();
    assertThat(ids).hasSize(2);
    List<Incident> second = out.stream().filter(i -> i.id().equals(ids.get(1))).toList();
    assertThat(second.get(0).openedAt()).isEqualTo(T + 19 * MIN);
    // the first incident's minutes are not what orders usually shows: it ranks above cart
    assertThat(second.getLast().rootCauses())
        .extracting(r -> r.entity())
        .startsWith("orders", "cart");
  }

  @Test
  void anAlertThatFiresAllOverTheSystemRanksBelowARareOne() {
    List<Incident> out =
        run(
            events -> {
              for (int m = 1; m <= 20; m++) {
                alert(events, "svc" + m, "HighLatency", T + m * MIN);
                tick(events, T + m * MIN);
              }
              for (int m = 21; m < 30; m++) {
                tick(events, T + m * MIN);
              }
              alert(events, "a", "HighLatency", T + 30 * MIN);
              alert(events, "b", "DiskPressure", T + 30 * MIN);
              for (int m = 30; m <= 40; m++) {
                tick(events, T + m * MIN);
              }
            });
    Incident last = out.getLast();
    assertThat(last.openedAt()).isGreaterThanOrEqualTo(T + 29 * MIN);
    assertThat(last.rootCauses()).extracting(r -> r.entity()).containsExactly("b", "a");
  }

  @Test
  void aFiringAlertKeepsItsIncidentOpenUntilItResolves() {
    String key = EntityRefKey.of("checkout");
    List<Incident> out =
        run(
            events -> {
              alert(events, "checkout", "CheckoutErrors", T + MIN);
              state(events, key, "CheckoutErrors", T + MIN, Long.MAX_VALUE);
              for (int m = 1; m <= 12; m++) {
                tick(events, T + m * MIN);
              }
              // Alertmanager sends it resolved at minute 12
              state(events, key, "CheckoutErrors", T + MIN, T + 12 * MIN);
              for (int m = 13; m <= 20; m++) {
                tick(events, T + m * MIN);
              }
            });
    assertThat(out).isNotEmpty();
    assertThat(out).extracting(Incident::id).containsOnly(out.get(0).id());
    Incident last = out.get(out.size() - 1);
    assertThat(last.status()).isEqualTo(Incident.Status.RESOLVED);
    // open while it fired (12 min), resolved a quiet period after it stopped
    assertThat(last.updatedAt()).isEqualTo(T + 14 * MIN);
    assertThat(out.subList(0, out.size() - 1)).allMatch(i -> i.status() == Incident.Status.OPEN);
  }

  @Test
  void anAlertThatEndedWhenItStartedHoldsNothingOpen() {
    String key = EntityRefKey.of("checkout");
    List<Incident> out =
        run(
            events -> {
              alert(events, "checkout", "CheckoutErrors", T + MIN);
              state(events, key, "CheckoutErrors", T + MIN, T + MIN);
              for (int m = 1; m <= 12; m++) {
                tick(events, T + m * MIN);
              }
            });
    Incident last = out.get(out.size() - 1);
    assertThat(last.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(last.updatedAt()).isLessThanOrEqualTo(T + 4 * MIN);
  }

  /** Entity keys as the evidence stage writes them for a service. */
  private static final class EntityRefKey {
    static String of(String service) {
      return Resource.ofService(service).primary().key();
    }
  }

  /**
   * web calls cart; a batch job writes to its own store, and ext calls its own extdb, with no path
   * between the three; "lonely" is in no part of the graph. Cart's trouble opens an incident; the
   * store's a minute later is unrelated trouble, and so is an alert from ext at the same time;
   * lonely's could be related to anything.
   */
  private void unrelatedTrouble(TestInputTopic<String, ScopedEvent> events) {
    tick(events, T);
    evidence(events, "cart", 20, T + 2 * MIN);
    tick(events, T + 2 * MIN);
    evidence(events, "store", "disk_io", 30, T + 3 * MIN);
    evidence(events, "cart", 20, T + 3 * MIN);
    alert(events, "ext", "ExternalDown", T + 3 * MIN);
    evidence(events, "ext", "latency", 40, T + 3 * MIN);
    evidence(events, "lonely", "queue_depth", 6, T + 3 * MIN);
    tick(events, T + 3 * MIN);
    for (int m = 4; m <= 9; m++) {
      tick(events, T + m * MIN);
    }
  }

  private static final List<GraphEdge> TWO_PARTS =
      List.of(
          new GraphEdge(
              EntityRef.service("web"),
              EntityRef.service("cart"),
              GraphEdge.Kind.CALLS,
              100,
              0,
              100_000,
              T,
              false),
          new GraphEdge(
              EntityRef.service("batch"),
              EntityRef.service("store"),
              GraphEdge.Kind.CALLS,
              100,
              0,
              100_000,
              T,
              false),
          new GraphEdge(
              EntityRef.service("ext"),
              EntityRef.service("extdb"),
              GraphEdge.Kind.CALLS,
              100,
              0,
              100_000,
              T,
              false));

  @Test
  void byScopeUnrelatedTroubleIsFoldedIntoTheOpenIncident() {
    List<Incident> out = run(this::unrelatedTrouble, IncidentConfig.defaults(), TWO_PARTS);
    assertThat(out).extracting(Incident::id).containsOnly(out.get(0).id());
    assertThat(out.getLast().evidence())
        .extracting(e -> e.entity().name())
        .contains("cart", "store", "ext", "lonely");
  }

  @Test
  void byGraphTroubleWithNoPathToAnOpenIncidentOpensItsOwn() {
    List<Incident> out =
        run(
            this::unrelatedTrouble,
            IncidentConfig.defaults().withGrouping(IncidentConfig.Grouping.GRAPH),
            TWO_PARTS);
    Map<String, List<Incident>> byId = new java.util.LinkedHashMap<>();
    out.forEach(i -> byId.computeIfAbsent(i.id(), k -> new ArrayList<>()).add(i));
    assertThat(byId).hasSize(3);
    List<String> seeds =
        byId.values().stream().map(v -> v.getFirst().rootCauses().getFirst().entity()).toList();
    assertThat(seeds.getFirst()).isEqualTo("cart");
    assertThat(seeds).containsExactlyInAnyOrder("cart", "store", "ext");
    for (List<Incident> versions : byId.values()) {
      Incident last = versions.getLast();
      String cause = versions.getFirst().rootCauses().getFirst().entity();
      assertThat(last.evidence())
          .extracting(e -> e.entity().name())
          .contains(cause)
          .doesNotContain(
              Stream.of("cart", "store", "ext")
                  .filter(s -> !s.equals(cause))
                  .toArray(String[]::new));
      // what the graph cannot place may belong to any of them
      assertThat(last.evidence()).extracting(e -> e.entity().name()).contains("lonely");
      assertThat(last.status()).isEqualTo(Incident.Status.RESOLVED);
    }
    // cart's incident opened first and was never superseded by the others
    assertThat(byId.values().iterator().next())
        .extracting(Incident::change)
        .noneMatch(c -> c.startsWith("superseded"));
  }

  private static void state(
      TestInputTopic<String, ScopedEvent> in, String key, String name, long t, long until) {
    in.pipeInput(key, new ScopedEvent.AlertState(key, name, t, until), Instant.ofEpochMilli(t));
  }

  private static void alert(
      TestInputTopic<String, ScopedEvent> in, String svc, String name, long t) {
    Evidence e =
        new Evidence(
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
    in.pipeInput(svc, new ScopedEvent.EvidenceEvent(e), Instant.ofEpochMilli(t));
  }

  private static void evidence(
      TestInputTopic<String, ScopedEvent> in, String svc, double score, long t) {
    evidence(in, svc, "cpu", score, t);
  }

  private static void evidence(
      TestInputTopic<String, ScopedEvent> in, String svc, String metric, double score, long t) {
    Evidence e =
        new Evidence(
            Resource.ofService(svc),
            SignalType.METRIC,
            EvidenceFamily.legacy(SignalType.METRIC, metric),
            metric,
            score,
            1,
            0,
            Evidence.Direction.UP,
            t - MIN,
            t,
            "");
    in.pipeInput(svc, new ScopedEvent.EvidenceEvent(e), Instant.ofEpochMilli(t));
  }

  private static void logEvidence(
      TestInputTopic<String, ScopedEvent> in, String svc, double score, long t) {
    Evidence e =
        new Evidence(
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
    in.pipeInput(svc, new ScopedEvent.EvidenceEvent(e), Instant.ofEpochMilli(t));
  }

  private static void tick(TestInputTopic<String, ScopedEvent> in, long t) {
    in.pipeInput("tick", new ScopedEvent.Tick(t), Instant.ofEpochMilli(t));
  }

  interface Feeder {
    void feed(TestInputTopic<String, ScopedEvent> events);
  }

  private List<Incident> run(Feeder feeder) {
    return run(feeder, IncidentConfig.defaults());
  }

  private List<Incident> run(Feeder feeder, IncidentConfig config) {
    return run(feeder, config, List.of());
  }

  private List<Incident> run(Feeder feeder, IncidentConfig config, List<GraphEdge> graph) {
    StreamsBuilder b = new StreamsBuilder();
    var byScope =
        new ScopeStage("default")
            .addTo(b, b.stream("events", Consumed.with(Serdes.String(), ScopedEvent.serde())));
    var decided =
        new SuppressionStage(SuppressionConfig.defaults(), ModelSource.none()).addTo(b, byScope);
    new IncidentStage(config, EvidenceGraphRanker::new).addTo(b, decided);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "incident-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (TopologyTestDriver d = new TopologyTestDriver(b.build(), p)) {
      var edges =
          d.createInputTopic(
              Topics.GRAPH_CHECKED.name(),
              Topics.GRAPH_CHECKED.keySerde().serializer(),
              Topics.GRAPH_CHECKED.valueSerde().serializer());
      graph.forEach(e -> edges.pipeInput(e.key(), e, Instant.ofEpochMilli(T)));
      feeder.feed(
          d.createInputTopic(
              "events", Serdes.String().serializer(), ScopedEvent.serde().serializer()));
      return d.createOutputTopic(
              Topics.INCIDENTS.name(),
              Topics.INCIDENTS.keySerde().deserializer(),
              Topics.INCIDENTS.valueSerde().deserializer())
          .readValuesToList();
    }
  }
}
