package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.Alert;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricClass;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import dev.culprit.model.Span;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntPredicate;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceStageTest {
  @TempDir Path state;
  private static final Resource POD = new Resource("cart", "cart-1", "n1");
  private static final long MIN = 60_000;

  @Test
  void aMetricFarFromItsHistoryForTwoWindowsBecomesEvidenceDatedFromTheFirst() {
    List<Evidence> evidence =
        run(
            (metrics, logs, spans, alerts) -> {
              for (int m = 0; m < 20; m++) {
                double cpu = m == 15 || m == 16 ? 90 : 10 + (m % 3);
                metrics.pipeInput(
                    POD.primary().key(),
                    new MetricSample(POD, m * MIN + 5_000, "cpu_usage", cpu, null),
                    Instant.ofEpochMilli(m * MIN + 5_000));
              }
            });
    assertThat(evidence).hasSize(1);
    Evidence e = evidence.get(0);
    assertThat(e.signal()).isEqualTo(SignalType.METRIC);
    assertThat(e.feature()).isEqualTo("cpu_usage");
    assertThat(e.direction()).isEqualTo(Evidence.Direction.UP);
    assertThat(e.value()).isEqualTo(90.0);
    assertThat(e.baseline()).isEqualTo(11.0);
    assertThat(e.onset()).isEqualTo(15 * MIN);
    assertThat(e.time()).isEqualTo(17 * MIN);
    assertThat(e.score()).isGreaterThan(4);
    assertThat(e.family()).isEqualTo(EvidenceFamily.METRIC_RESOURCE);
  }

  @Test
  void aMetricsFamilyFollowsTheClassItCameWithNotItsName() {
    List<Evidence> evidence =
        run(
            (metrics, logs, spans, alerts) -> {
              for (int m = 0; m < 20; m++) {
                double v = m == 15 || m == 16 ? 900 : 100 + (m % 3);
                metrics.pipeInput(
                    POD.primary().key(),
                    new MetricSample(POD, m * MIN + 5_000, "rpc_p99", v, MetricClass.LATENCY),
                    Instant.ofEpochMilli(m * MIN + 5_000));
              }
            });
    assertThat(evidence).extracting(Evidence::family).containsOnly(EvidenceFamily.METRIC_LATENCY);
  }

  @Test
  void aNewErrorTemplateAndAFiringAlertAreEvidence() {
    List<Evidence> evidence =
        run(
            (metrics, logs, spans, alerts) -> {
              for (int m = 0; m < 12; m++) {
                long t = m * MIN + 1_000;
                logs.pipeInput(
                    "k", new LogEvent(POD, t, "INFO", "served cart 42 in 7 ms", null, null), at(t));
                if (m == 10) {
                  for (int i = 0; i < 5; i++) {
                    logs.pipeInput(
                        "k",
                        new LogEvent(
                            POD,
                            t + i,
                            "ERROR",
                            "NullPointerException at line " + i,
                            "4bf92f3577b34da6a3ce929d0e0e4736",
                            null),
                        at(t + i));
                  }
                  alerts.pipeInput(
                      "k",
                      new Alert(
                          POD,
                          t,
                          0,
                          "fp1",
                          "HighErrorRate",
                          Alert.Severity.CRITICAL,
                          null,
                          Map.of(),
                          Map.of()),
                      at(t));
                }
              }
            });
    assertThat(evidence)
        .extracting(Evidence::signal, Evidence::direction, Evidence::feature)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                SignalType.ALERT, Evidence.Direction.NEW, "HighErrorRate"),
            org.assertj.core.groups.Tuple.tuple(
                SignalType.LOG, Evidence.Direction.NEW, "ERROR NullPointerException at line <n>"));
    Evidence template =
        evidence.stream().filter(e -> e.feature().startsWith("ERROR Null")).findFirst().get();
    assertThat(template.family()).isEqualTo(EvidenceFamily.LOG_ERRORS);
    assertThat(template.severity()).isEqualTo(Alert.Severity.ERROR);
    assertThat(template.links())
        .containsExactly(Evidence.Link.trace("4bf92f3577b34da6a3ce929d0e0e4736"));
    Evidence alert =
        evidence.stream().filter(e -> e.signal() == SignalType.ALERT).findFirst().get();
    assertThat(alert.family()).isEqualTo(EvidenceFamily.ALERT);
    assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
  }

  @Test
  void errorsLoggedAlongATraceCountWhereTheyStartNotWhereTheyArePassedOn() {
    Resource web = new Resource("web", "web-1", "n1");
    Resource orders = new Resource("orders", "orders-1", "n1");
    Resource db = new Resource("db", "db-1", "n2");
    List<Evidence> evidence =
        run(
            (metrics, logs, spans, alerts) -> {
              for (int m = 0; m < 12; m++) {
                for (int i = 0; i < 5; i++) {
                  long t = m * MIN + i * 1_000;
                  String trace = "t" + m + "-" + i;
                  spans.pipeInput("k", span(web, t, trace, "a", null), at(t));
                  spans.pipeInput("k", span(orders, t + 1, trace, "b", "a"), at(t + 1));
                  spans.pipeInput("k", span(db, t + 2, trace, "c", "b"), at(t + 2));
                  if (m == 8) {
                    logs.pipeInput(
                        "k",
                        new LogEvent(orders, t + 3, "ERROR", "order total negative", trace, "b"),
                        at(t + 3));
                    logs.pipeInput(
                        "k",
                        new LogEvent(web, t + 4, "ERROR", "upstream call failed", trace, "a"),
                        at(t + 4));
                  }
                }
              }
            });
    List<Evidence> origins =
        evidence.stream().filter(e -> e.feature().equals(ErrorOriginProcessor.FEATURE)).toList();
    assertThat(origins).hasSize(1);
    assertThat(origins.get(0).resource().service()).isEqualTo("orders");
    assertThat(origins.get(0).signal()).isEqualTo(SignalType.TRACE);
    assertThat(origins.get(0).value()).isEqualTo(5.0);
    assertThat(origins.get(0).onset()).isEqualTo(8 * MIN);
  }

  @Test
  void callsThatStopWritingTheirUsualLogLineAreEvidenceAtTheirService() {
    List<Evidence> evidence = run(pricedOrders(12, 6, m -> m != 8));
    List<Evidence> missing =
        evidence.stream()
            .filter(e -> e.feature().equals(ErrorOriginProcessor.MISSING_FEATURE))
            .toList();
    assertThat(missing).hasSize(1);
    Evidence e = missing.get(0);
    assertThat(e.resource().service()).isEqualTo("orders");
    assertThat(e.signal()).isEqualTo(SignalType.LOG);
    assertThat(e.value()).isEqualTo(6.0);
    assertThat(e.onset()).isEqualTo(8 * MIN);
    assertThat(e.detail()).contains("6 of 6 calls", "op without \"INFO o.s.Orders#52\"");
  }

  @Test
  void callsThatKeepGoingWithoutTheirUsualLogLineStayEvidenceEveryMinute() {
    List<Evidence> evidence = run(pricedOrders(46, 5, m -> m < 40 || m >= 44));
    // the fault's first minutes must not teach the service that incomplete calls are usual
    assertThat(
            evidence.stream()
                .filter(e -> e.feature().equals(ErrorOriginProcessor.MISSING_FEATURE))
                .map(Evidence::time))
        .containsExactly(41 * MIN, 42 * MIN, 43 * MIN, 44 * MIN);
  }

  @Test
  void callsIntoAServiceWhoseNetworkIsSlowBlameItNotItsCaller() {
    Resource web = new Resource("web", "web-1", "n1");
    Resource cart = new Resource("cart", "cart-1", "n2");
    Resource ads = new Resource("ads", "ads-1", "n3");
    // web calls cart and ads five times a minute; from minute 20 every call to cart spends 50 ms
    // more between the two sides, while cart itself serves as fast as ever
    List<Evidence> evidence =
        run(
            (metrics, logs, spans, alerts) -> {
              for (int m = 0; m < 24; m++) {
                for (int i = 0; i < 5; i++) {
                  long t = m * MIN + i * 1_000;
                  String trace = "n" + m + "-" + i;
                  long delay = m >= 20 ? 50_000 : (i % 3) * 100;
                  spans.pipeInput("k", timed(web, t, trace, "r", null, 20_000 + delay), at(t));
                  spans.pipeInput("k", timed(web, t, trace, "c", "r", 5_000 + delay), at(t));
                  spans.pipeInput("k", timed(cart, t + 1, trace, "cs", "c", 4_000), at(t + 1));
                  spans.pipeInput("k", timed(web, t, trace, "a", "r", 3_000 + i * 10), at(t));
                  spans.pipeInput("k", timed(ads, t + 1, trace, "as", "a", 2_000), at(t + 1));
                }
              }
            });
    List<Evidence> network =
        evidence.stream()
            .filter(e -> e.feature().equals(ErrorOriginProcessor.NETWORK_FEATURE))
            .toList();
    assertThat(network).extracting(e -> e.resource().service()).contains("cart");
    assertThat(network).extracting(e -> e.resource().service()).doesNotContain("ads");
    Evidence atCart =
        network.stream().filter(e -> e.resource().service().equals("cart")).findFirst().get();
    assertThat(atCart.onset()).isEqualTo(20 * MIN);
    assertThat(atCart.value()).isCloseTo(51.0, org.assertj.core.data.Offset.offset(0.5));
    assertThat(atCart.detail()).contains("web -> cart", "100% of the call edges cart");
    assertThat(atCart.family()).isEqualTo(EvidenceFamily.NETWORK);
    // web's one slow edge of two gives it the smaller share of the blame
    network.stream()
        .filter(e -> e.resource().service().equals("web") && e.time() == atCart.time())
        .forEach(e -> assertThat(e.score()).isLessThan(atCart.score()));
  }

  private static Span timed(
      Resource r, long t, String trace, String id, String parent, long micros) {
    return new Span(
        r, t, trace, id, parent, "op " + id, micros, Span.SpanKind.INTERNAL, false, null);
  }

  @Test
  void anAlertSaysUntilWhenItFires() {
    Alert firing =
        new Alert(
            POD, 1_000, 0, "f", "Down", Alert.Severity.ERROR, Alert.Status.FIRING, null, null);
    Alert ending =
        new Alert(
            POD, 1_000, 9_000, "f", "Down", Alert.Severity.ERROR, Alert.Status.FIRING, null, null);
    Alert resolved =
        new Alert(
            POD,
            1_000,
            5_000,
            "f",
            "Down",
            Alert.Severity.ERROR,
            Alert.Status.RESOLVED,
            null,
            null);
    Alert instant =
        new Alert(
            POD, 1_000, 1_000, "f", "Down", Alert.Severity.ERROR, Alert.Status.FIRING, null, null);
    String key = POD.primary().key();
    assertThat(EvidenceStage.alertState(firing))
        .isEqualTo(new ScopedEvent.AlertState(key, "Down", 1_000, Long.MAX_VALUE));
    assertThat(((ScopedEvent.AlertState) EvidenceStage.alertState(ending)).until())
        .isEqualTo(9_000);
    assertThat(((ScopedEvent.AlertState) EvidenceStage.alertState(resolved)).until())
        .isEqualTo(5_000);
    assertThat(((ScopedEvent.AlertState) EvidenceStage.alertState(instant)).until())
        .isEqualTo(1_000);
  }

  @Test
  void anErringServiceThatCallsNoOtherErringServiceIsAnOrigin() {
    Resource web = new Resource("web", "web-1", "n1");
    Resource a = new Resource("a", "a-1", "n1");
    Resource b = new Resource("b", "b-1", "n1");
    List<TracePart> parts =
        List.of(
            new TracePart("t", "1", null, web, 0, false, "GET /", null),
            new TracePart("t", "2", "1", a, 1, false, "GET /a", null),
            new TracePart("t", "3", "1", b, 2, false, "GET /b", null),
            new TracePart("t", null, null, web, 3, true, null, "ERROR boom"),
            new TracePart("t", null, null, a, 3, true, null, "ERROR boom"),
            new TracePart("t", null, null, b, 3, true, null, "ERROR boom"));
    assertThat(ErrorOriginProcessor.origins(parts)).containsExactlyInAnyOrder("a", "b");
    assertThat(ErrorOriginProcessor.origins(parts.subList(0, 4))).containsExactly("web");
  }

  /**
   * {@code calls} calls a minute from web to orders for {@code minutes} minutes; each call at
   * orders logs {@code Orders#40}, and {@code Orders#52} in the minutes where {@code priced} holds.
   */
  private static Feeder pricedOrders(int minutes, int calls, IntPredicate priced) {
    Resource web = new Resource("web", "web-1", "n1");
    Resource orders = new Resource("orders", "orders-1", "n1");
    return (metrics, logs, spans, alerts) -> {
      for (int m = 0; m < minutes; m++) {
        for (int i = 0; i < calls; i++) {
          long t = m * MIN + i * 1_000;
          String trace = "t" + m + "-" + i;
          spans.pipeInput("k", span(web, t, trace, "a", null), at(t));
          spans.pipeInput("k", span(orders, t + 1, trace, "b", "a"), at(t + 1));
          logs.pipeInput(
              "k",
              new LogEvent(orders, t + 2, "INFO", "o.s.Orders#40 start " + i, trace, "b"),
              at(t + 2));
          if (priced.test(m)) {
            logs.pipeInput(
                "k",
                new LogEvent(orders, t + 3, "INFO", "o.s.Orders#52 priced " + i, trace, "b"),
                at(t + 3));
          }
        }
      }
    };
  }

  private static Span span(Resource r, long t, String trace, String id, String parent) {
    return new Span(r, t, trace, id, parent, "op", 1_000, Span.SpanKind.SERVER, false, null);
  }

  interface Feeder {
    void feed(
        TestInputTopic<String, MetricSample> metrics,
        TestInputTopic<String, LogEvent> logs,
        TestInputTopic<String, Span> spans,
        TestInputTopic<String, Alert> alerts);
  }

  private List<Evidence> run(Feeder feeder) {
    StreamsBuilder b = new StreamsBuilder();
    new EvidenceStage(EvidenceConfig.defaults())
        .addTo(
            b,
            source(b, Topics.METRICS),
            source(b, Topics.LOGS),
            source(b, Topics.SPANS),
            source(b, Topics.ALERTS))
        .filter((k, v) -> v instanceof ScopedEvent.Tick)
        .foreach((k, v) -> {});
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "evidence-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (TopologyTestDriver d = new TopologyTestDriver(b.build(), p)) {
      feeder.feed(
          input(d, Topics.METRICS),
          input(d, Topics.LOGS),
          input(d, Topics.SPANS),
          input(d, Topics.ALERTS));
      // advance stream time so the last windows close
      input(d, Topics.METRICS)
          .pipeInput(
              "other",
              new MetricSample(Resource.ofService("x"), 100 * MIN, "m", 1, null),
              at(100 * MIN));
      return d.createOutputTopic(
              Topics.EVIDENCE.name(),
              Topics.EVIDENCE.keySerde().deserializer(),
              Topics.EVIDENCE.valueSerde().deserializer())
          .readValuesToList();
    }
  }

  private static <V> org.apache.kafka.streams.kstream.KStream<String, V> source(
      StreamsBuilder b, Topic<String, V> t) {
    return b.stream(t.name(), Consumed.with(t.keySerde(), t.valueSerde()));
  }

  private static <V> TestInputTopic<String, V> input(TopologyTestDriver d, Topic<String, V> t) {
    return d.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
  }

  private static Instant at(long t) {
    return Instant.ofEpochMilli(t);
  }
}
