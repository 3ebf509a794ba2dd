package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.correlation.rank.AlertCountRanker;
import dev.culprit.correlation.rank.RankingInput;
import dev.culprit.correlation.rank.RootCauseRanker;
import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.ingest.recording.RawDataset;
import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.ingest.recording.RawSource;
import dev.culprit.model.Alert;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.Json;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.SignalType;
import dev.culprit.model.Span;
import dev.culprit.model.Trigger;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ReplayTest {
  private static final long T = 1_000_000_000L;
  private static final Resource CART = new Resource("cart", "cart-0", null);

  private static final List<Signal> SIGNALS =
      List.of(
          new MetricSample(CART, T, "cpu", 0.5, null),
          new LogEvent(CART, T + 60_000, "ERROR", "boom", null, null),
          new Span(CART, T + 120_000, "t1", "s1", null, "GET /", 1_000, null, false, null),
          new Alert(CART, T + 3_600_000, 0, "a1", "down", null, null, null, null));

  @Test
  void signalsOfALeftOutTypeNeverReachThePipeline() throws Exception {
    Replay replay =
        new Replay(
            dataset(), false, "culprit", List.of(), Set.of(SignalType.LOG, SignalType.TRACE));
    RecordingDriver driver = new RecordingDriver(UnaryOperator.identity());

    ReplayReport report = replay.run(driver, p -> {}, i -> {});

    assertThat(driver.sent)
        .extracting(Signal::type)
        .containsExactly(SignalType.METRIC, SignalType.ALERT);
    assertThat(report.signals()).isEqualTo(2);
    assertThat(report.without()).containsExactly("logs", "traces");
    assertThat(report.replayedHours()).isEqualTo(1.0);
    assertThat(report.signalHours()).as("four minutes with signals").isEqualTo(0.07);
  }

  @Test
  void givenLabelsReplaceTheDatasetsAndAreScoredPerKind() throws Exception {
    List<FaultLabel> labels =
        List.of(
            new FaultLabel("cpu-1", T + 30_000, EntityRef.service("cart"), "cart", "cpu"),
            new FaultLabel("disk-1", T + 3_000_000, EntityRef.node("node-1"), null, "disk"));
    Replay replay = new Replay(dataset(), false, "culprit").labelledBy(labels);
    RecordingDriver driver = new RecordingDriver(UnaryOperator.identity());
    driver.incidents.add(incident("i-1", T + 60_000, "cart"));
    driver.incidents.add(incident("i-2", T + 3_600_000, "web"));

    ReplayReport report = replay.run(driver, p -> {}, i -> {});

    assertThat(report.cases()).extracting(ReplayReport.Case::id).containsExactly("cpu-1", "disk-1");
    assertThat(report.byKind())
        .containsExactly(
            new ReplayReport.KindScore("cpu", 1, 1, 1.0, 1.0, 1.0, 1.0),
            new ReplayReport.KindScore("disk", 1, 0, 0, 0, 0, 0));
    assertThat(report.falseIncidents()).isEqualTo(1);
    assertThat(report.falseIncidentsPerHour()).isEqualTo(Math.round(100 / 0.07) / 100.0);
    assertThat(report.warnings()).isEmpty();
    JsonNode json = Json.mapper().valueToTree(report);
    assertThat(json.get("by_kind").get(0).get("top1_service").asDouble()).isEqualTo(1.0);
    assertThat(json.has("signal_hours") && json.has("false_incidents_per_hour")).isTrue();
  }

  @Test
  void aRawDatasetIsSentAsRawRecordsTimedByTheirTimestampsAndLeftOutByTopic() throws Exception {
    List<RawRecord> records =
        List.of(
            raw("otlp_metrics", 0, T),
            raw("otlp_logs", 0, T + 60_000),
            raw("alertmanager.raw", 0, T + 120_000),
            raw("otlp_metrics", 1, T + 180_000));
    Replay replay =
        new Replay(rawDataset(records), true, "culprit", List.of(), Set.of(SignalType.LOG))
            .labelledBy(
                List.of(new FaultLabel("f", T + 90_000, EntityRef.service("cart"), "cart", "x")));
    RecordingDriver driver = new RecordingDriver(UnaryOperator.identity());

    ReplayReport report = replay.run(driver, p -> {}, i -> {});

    assertThat(driver.sent).isEmpty();
    assertThat(driver.raw).containsExactly(records.get(0), records.get(2), records.get(3));
    assertThat(driver.triggers).extracting(Trigger::at).containsExactly(T + 90_000);
    assertThat(report.input()).isEqualTo("raw records");
    assertThat(report.signals()).isEqualTo(3);
    assertThat(report.replayedHours()).isEqualTo(0.05);
  }

  private static RawRecord raw(String topic, long offset, long timestamp) {
    return new RawRecord(topic, 0, offset, timestamp, null, new byte[] {1}, List.of());
  }

  private static RawDataset rawDataset(List<RawRecord> records) {
    return new RawDataset() {
      @Override
      public String name() {
        return "raw";
      }

      @Override
      public List<FaultLabel> faults() {
        return List.of();
      }

      @Override
      public RawSource openRaw() {
        Iterator<RawRecord> it = records.iterator();
        return new RawSource() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public RawRecord next() {
            return it.next();
          }

          @Override
          public long bytesRead() {
            return 0;
          }

          @Override
          public long totalBytes() {
            return 0;
          }

          @Override
          public void close() {}
        };
      }
    };
  }

  private static Incident incident(String id, long openedAt, String cause) {
    return new Incident(
        id,
        1,
        "default",
        openedAt,
        openedAt,
        Incident.Status.OPEN,
        List.of(),
        List.of(),
        List.of(),
        List.of(
            new dev.culprit.model.RootCause(
                cause, dev.culprit.model.EntityKind.SERVICE, cause, 1.0, List.of(), "")),
        "opened",
        null,
        null);
  }

  @Test
  void withNothingLeftOutEverySignalIsSentAndTheReportSaysSo() throws Exception {
    Replay replay = new Replay(dataset(), false, "culprit");
    RecordingDriver driver = new RecordingDriver(UnaryOperator.identity());

    ReplayReport report = replay.run(driver, p -> {}, i -> {});

    assertThat(driver.sent).hasSize(4);
    assertThat(report.without()).isEmpty();
    assertThat(report.rankingMs().count()).isZero();
  }

  @Test
  void rankCallsOfAPipelineBuiltWithTheReplaysDecoratorAreInTheReport() throws Exception {
    Replay replay = new Replay(dataset(), false, "count");
    RecordingDriver driver = new RecordingDriver(replay::timed);

    ReplayReport report = replay.run(driver, p -> {}, i -> {});

    assertThat(report.rankingMs().count()).isEqualTo(4);
    assertThat(report.rankingMs().max()).isGreaterThanOrEqualTo(report.rankingMs().p99());
    JsonNode json = Json.mapper().valueToTree(report);
    assertThat(json.get("ranking_ms").get("count").asLong()).isEqualTo(4);
    for (String key : new String[] {"p50", "p99", "max"}) {
      assertThat(json.get("ranking_ms").has(key)).as(key).isTrue();
    }
    assertThat(json.get("without").isArray()).isTrue();
  }

  private static Dataset dataset() {
    return new Dataset() {
      @Override
      public String name() {
        return "memory";
      }

      @Override
      public List<FaultLabel> faults() {
        return List.of(new FaultLabel("f1", T, EntityRef.service("cart"), "cart", "cpu"));
      }

      @Override
      public SignalSource open() {
        Iterator<Signal> it = SIGNALS.iterator();
        return new SignalSource() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Signal next() {
            return it.next();
          }

          @Override
          public long bytesRead() {
            return 0;
          }

          @Override
          public long totalBytes() {
            return 0;
          }

          @Override
          public void close() {}
        };
      }
    };
  }

  /** Records what it is sent; ranks the evidence of every signal with a (decorated) ranker. */
  private static final class RecordingDriver implements PipelineDriver {
    final List<Signal> sent = new ArrayList<>();
    final List<RawRecord> raw = new ArrayList<>();
    final List<Trigger> triggers = new ArrayList<>();
    final List<Incident> incidents = new ArrayList<>();
    private final RootCauseRanker ranker;

    RecordingDriver(UnaryOperator<RootCauseRanker> decorate) {
      this.ranker = decorate.apply(new AlertCountRanker());
    }

    @Override
    public void send(Signal signal) {
      sent.add(signal);
      ranker.rank(new RankingInput(List.of(), List.of(), 0, EntityGraph.empty(), 0, 0));
    }

    @Override
    public void sendRaw(RawRecord record) {
      raw.add(record);
    }

    @Override
    public void declare(List<GraphEdge> edges) {}

    @Override
    public void trigger(Trigger trigger) {
      triggers.add(trigger);
    }

    @Override
    public List<Incident> drainIncidents() {
      return List.of();
    }

    @Override
    public List<Incident> finish() {
      return incidents;
    }

    @Override
    public long suppressed() {
      return 0;
    }

    @Override
    public void close() {}
  }
}
