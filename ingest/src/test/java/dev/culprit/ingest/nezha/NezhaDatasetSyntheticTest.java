package dev.culprit.ingest.nezha;

import static dev.culprit.ingest.nezha.MiniNezha.A;
import static dev.culprit.ingest.nezha.MiniNezha.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.MergedSignalSource;
import dev.culprit.ingest.dataset.TarGzWriter;
import dev.culprit.model.EntityRef;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NezhaDatasetSyntheticTest {
  @TempDir Path tmp;

  @Test
  void labelsEveryDaysFaultsInTimeOrderWithUniqueIds() throws IOException {
    NezhaDataset dataset = NezhaDataset.open(MiniNezha.write(tmp.resolve("mini")));

    assertThat(dataset.name()).isEqualTo("mini");
    assertThat(dataset.days()).containsExactly("2023-01-29", "2023-01-30");
    assertThat(dataset.faults())
        .containsExactly(
            fault(
                "2023-01-29T08:43:04-ts-a-service",
                "2023-01-29T08:43:04Z",
                "ts-a-service",
                "exception"),
            fault(
                "2023-01-29T08:43:04-ts-a-service-2",
                "2023-01-29T08:43:04Z",
                "ts-a-service",
                "return"),
            fault(
                "2023-01-29T09:00:00-ts-b-service",
                "2023-01-29T09:00:00Z",
                "ts-b-service",
                "cpu_contention"),
            fault(
                "2023-01-30T10:00:00-ts-b-service",
                "2023-01-30T10:00:00Z",
                "ts-b-service",
                "network_delay"));
  }

  @Test
  void aLabelZoneReadsInjectTimesInIt() throws IOException {
    NezhaDataset dataset =
        NezhaDataset.open(MiniNezha.write(tmp.resolve("mini")), java.time.ZoneId.of("UTC+8"));

    assertThat(dataset.faults().getFirst())
        .isEqualTo(
            fault(
                "2023-01-29T00:43:04-ts-a-service",
                "2023-01-29T00:43:04Z",
                "ts-a-service",
                "exception"));
  }

  @Test
  void replaysAllFilesMergedInTimeOrder() throws IOException {
    NezhaDataset dataset = NezhaDataset.open(MiniNezha.write(tmp.resolve("mini")));

    try (MergedSignalSource source = dataset.open()) {
      assertThat(describeAll(source))
          .containsExactly(
              "2023-01-29T08:40:50Z span " + A + " s0",
              "2023-01-29T08:41:00Z metric " + A + " CpuUsage(m)=1.0",
              "2023-01-29T08:41:30Z metric " + B + " CpuUsage(m)=5.0",
              "2023-01-29T08:42:00Z metric " + A + " CpuUsage(m)=2.0",
              "2023-01-29T08:42:29.500Z span " + A + " sA",
              "2023-01-29T08:42:29.600Z log " + A + " a",
              "2023-01-29T08:42:30Z span " + B + " sB",
              "2023-01-29T08:42:30.001Z log " + B + " b failed, \"x\"",
              "2023-01-29T08:43:00Z metric " + A + " CpuUsage(m)=3.0",
              "2023-01-29T08:43:02Z span " + A + " sC",
              "2023-01-29T08:43:02Z log " + A + " same ms",
              "2023-01-29T08:43:30Z span " + B + " sD",
              "2023-01-30T09:59:00Z metric " + B + " CpuUsage(m)=7.0");
      assertThat(source.duplicateSignals()).isEqualTo(1);
      assertThat(source.skippedRows()).isEqualTo(1);
      assertThat(source.lateSignals()).isZero();
      assertThat(source.bytesRead()).isEqualTo(source.totalBytes()).isEqualTo(expectedBytes());
    }
  }

  @Test
  void keepsTheNodeSeverityAndIdsOfLogs() throws IOException {
    NezhaDataset dataset = NezhaDataset.open(MiniNezha.write(tmp.resolve("mini")));

    List<LogEvent> logs = new ArrayList<>();
    try (MergedSignalSource source = dataset.open()) {
      source.forEachRemaining(
          s -> {
            if (s instanceof LogEvent log) {
              logs.add(log);
            }
          });
    }
    assertThat(logs.get(1).resource().node()).isEqualTo("n2");
    assertThat(logs.get(1).resource().service()).isEqualTo("ts-b-service");
    assertThat(logs.get(1).severity()).isEqualTo("ERROR");
    assertThat(logs.get(1).traceId()).isEqualTo("t1");
    assertThat(logs.get(1).spanId()).isEqualTo("sB");
  }

  @Test
  void opensATarGzOfTheDataset() throws IOException {
    Path archive = tmp.resolve("mini.tar.gz");
    TarGzWriter.pack(MiniNezha.write(tmp.resolve("mini")), archive);

    NezhaDataset dataset = NezhaDataset.open(archive);

    assertThat(dataset.name()).isEqualTo("mini");
    assertThat(dataset.faults()).hasSize(4);
    try (MergedSignalSource source = dataset.open()) {
      assertThat(describeAll(source)).hasSize(13);
    }
  }

  @Test
  void findsTheDatasetInASingleTopDirectory() throws IOException {
    MiniNezha.write(tmp.resolve("mini"));

    assertThat(NezhaDataset.open(tmp).name()).isEqualTo("mini");
  }

  @Test
  void namesWhatIsMissingWhenTheLayoutIsWrong() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path noDays = Files.createDirectories(tmp.resolve("nodays/rca_data/not-a-day"));
    Path noFaults = Files.createDirectories(tmp.resolve("nofaults/rca_data/2023-01-29/metric"));

    assertThatThrownBy(() -> NezhaDataset.open(tmp.resolve("absent")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> NezhaDataset.open(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing rca_data/");
    assertThatThrownBy(() -> NezhaDataset.open(noDays.getParent().getParent()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing day directories");
    assertThatThrownBy(() -> NezhaDataset.open(noFaults.getParent().getParent().getParent()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing")
        .hasMessageEndingWith("2023-01-29-fault_list.json");
  }

  private long expectedBytes() throws IOException {
    long sum = 0;
    for (String f :
        List.of(
            "rca_data/2023-01-29/metric/" + A + "_metric.csv",
            "construct_data/2023-01-29/metric/" + B + "_metric.csv",
            "rca_data/2023-01-30/metric/" + B + "_metric.csv",
            "construct_data/2023-01-29/trace/08_41_trace.csv",
            "rca_data/2023-01-29/trace/08_43_trace.csv",
            "rca_data/2023-01-29/trace/08_44_trace.csv",
            "rca_data/2023-01-29/log/08_43_log.csv")) {
      sum += Files.size(tmp.resolve("mini").resolve(f));
    }
    return sum;
  }

  private static FaultLabel fault(String id, String time, String service, String kind) {
    return new FaultLabel(
        id, Instant.parse(time).toEpochMilli(), EntityRef.service(service), service, kind);
  }

  private static List<String> describeAll(MergedSignalSource source) {
    List<String> out = new ArrayList<>();
    source.forEachRemaining(s -> out.add(describe(s)));
    return out;
  }

  private static String describe(Signal s) {
    String at = Instant.ofEpochMilli(s.time()) + " ";
    return at
        + switch (s) {
          case MetricSample m ->
              "metric " + m.resource().instance() + " " + m.name() + "=" + m.value();
          case Span span -> "span " + span.resource().instance() + " " + span.spanId();
          case LogEvent log -> "log " + log.resource().instance() + " " + log.body();
          default -> s.toString();
        };
  }
}
