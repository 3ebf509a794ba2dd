package dev.culprit.ingest.faultalerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.model.Alert;
import dev.culprit.model.Resource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsTest {
  private static final long T0 = Instant.parse("2022-03-20T00:39:11Z").toEpochMilli();

  @TempDir Path dir;

  @Test
  void mapsMetricAlertsOnServicesInstancesNodesAndAddresses() throws IOException {
    String metrics =
        """
        {"0": [["1647736800000", "cartservice", null, "grpc-mrt", "up"],
               ["1647736801000", "cartservice2-0", "10.0.0.1", "cpu", "down"],
               ["1647736802000", "cartservice2-0", null, "mem", "UP"],
               ["1647736803000", "node-2", null, "system.cpu.pct_usage", "up"],
               ["1647736804000", "10.0.0.2", null, "system.mem.used", "up"],
               ["1647736805000", "frontend-0", "192.168.9.9", "cpu", "up"],
               ["1647736806000", "paymentservice-1", null, "cpu", "up"],
               [1647736807, "worker-3", null, "load", "down"]]}
        """;

    List<Alert> alerts = replay(MiniFaultAlerts.dataset(dir, metrics, null, null));

    assertThat(alerts)
        .extracting(Alert::resource)
        .containsExactly(
            Resource.ofService("cartservice"),
            new Resource("cartservice", "cartservice2-0", "node-1"),
            new Resource("cartservice", "cartservice2-0", "node-1"),
            Resource.ofNode("node-2"),
            Resource.ofNode("node-2"),
            new Resource("frontend", "frontend-0", "192.168.9.9"),
            new Resource("paymentservice", "paymentservice-1", null),
            Resource.ofNode("worker-3"));
    assertThat(alerts.get(1))
        .isEqualTo(
            new Alert(
                new Resource("cartservice", "cartservice2-0", "node-1"),
                1_647_736_801_000L,
                1_647_736_801_000L,
                "metric|cartservice2-0|cpu|down",
                "cpu",
                Alert.Severity.WARNING,
                Alert.Status.FIRING,
                Map.of("kpi", "cpu", "direction", "down", "source", "metric"),
                Map.of()));
    assertThat(alerts.get(2).labels()).containsEntry("direction", "up");
    assertThat(alerts.getLast().time()).isEqualTo(1_647_736_807_000L);
  }

  @Test
  void namesTraceAlertsByTypeAboutTheCallee() throws IOException {
    String traces =
        """
        {"0": [["1647736751093", "frontend-0", "cartservice2-0", "GetCart", "PD"],
               ["1647736751094", "frontend-0", "cartservice2-0", "GetCart", "500"],
               ["1647736751095", "frontend-0", "redis-cart-0", "HGET", "404"]]}
        """;

    List<Alert> alerts = replay(MiniFaultAlerts.dataset(dir, null, traces, null));

    assertThat(alerts)
        .extracting(Alert::name)
        .containsExactly("trace latency", "trace error 5xx", "trace error 4xx");
    assertThat(alerts)
        .extracting(Alert::severity)
        .containsExactly(Alert.Severity.WARNING, Alert.Severity.ERROR, Alert.Severity.ERROR);
    assertThat(alerts.getFirst().resource())
        .isEqualTo(new Resource("cartservice", "cartservice2-0", "node-1"));
    assertThat(alerts.getLast().resource())
        .isEqualTo(new Resource("redis-cart", "redis-cart-0", "node-2"));
    assertThat(alerts.getFirst().labels())
        .isEqualTo(
            Map.of(
                "caller", "frontend-0",
                "callee", "cartservice2-0",
                "operation", "GetCart",
                "type", "PD",
                "source", "trace"));
  }

  @Test
  void timesLogAlertsByTheirEarliestLineInTheLabelsLocalClock() throws IOException {
    String logs =
        """
        {"0": [["redis-cart-0", "82", ["2022-03-20 08:42:52.000 | DB saved on disk",
                                       "2022-03-20 08:42:51.500 | DB saved on disk"], 2, null],
               ["frontend-0", 116, ["severity: error, message: request error"], 1,
                "severity: error, message: request error"]],
         "1": [["cartservice2-0", "7", ["  File \\"/app/x.py\\", line 3, in send"], "1", null]]}
        """;

    List<Alert> alerts = replay(MiniFaultAlerts.dataset(dir, null, null, logs));

    assertThat(alerts).hasSize(3);
    Alert redis = alerts.get(1);
    assertThat(redis.time()).isEqualTo(Instant.parse("2022-03-20T00:42:51.500Z").toEpochMilli());
    assertThat(redis.name()).isEqualTo("log template 82");
    assertThat(redis.severity()).isEqualTo(Alert.Severity.WARNING);
    assertThat(redis.labels())
        .isEqualTo(Map.of("template_id", "82", "count", "2", "source", "log"));
    assertThat(redis.annotations())
        .containsEntry("line", "2022-03-20 08:42:52.000 | DB saved on disk");
    Alert frontend = alerts.getFirst();
    assertThat(frontend.time()).as("no time in the lines: the fault's start").isEqualTo(T0);
    assertThat(frontend.severity()).isEqualTo(Alert.Severity.ERROR);
    assertThat(alerts.getLast().time()).isEqualTo(1_647_737_329_000L);
    assertThat(alerts.getLast().severity()).isEqualTo(Alert.Severity.ERROR);
  }

  @Test
  void mergesFaultsInTimeOrderDroppingExactDuplicates() throws IOException {
    String metrics =
        """
        {"0": [["3000", "cartservice", null, "a", "up"], ["1000", "cartservice", null, "b", "up"]],
         "1": [["2000", "cartservice", null, "c", "up"], ["3000", "cartservice", null, "a", "up"]]}
        """;
    String traces =
        """
        {"1": [["2500", "frontend-0", "cartservice2-0", "op", "PD"]]}
        """;

    FaultAlertsDataset d =
        FaultAlertsDataset.open(MiniFaultAlerts.dataset(dir, metrics, traces, null));
    List<Alert> alerts = replay(d);

    assertThat(alerts).extracting(Alert::name).containsExactly("b", "c", "trace latency", "a");
    assertThat(alerts)
        .extracting(Alert::time)
        .containsExactly(1_000_000L, 2_000_000L, 2_500_000L, 3_000_000L);
    assertThat(d.duplicateAlerts()).isEqualTo(1);
  }

  @Test
  void toleratesEmptyAndMissingFilesAndSkipsMalformedEntries() throws IOException {
    String metrics =
        """
        {"0": [["1647736800000", "cartservice", null, "grpc-mrt", "up"],
               ["1647736800000", "cartservice", null, "grpc-mrt"],
               ["1647736800000", "cartservice", null, "grpc-mrt", "sideways"],
               ["soon", "cartservice", null, "grpc-mrt", "up"],
               ["1647736800000", "", null, "grpc-mrt", "up"],
               "not an array"],
         "1": {"not": "an array"}}
        """;
    String logs =
        """
        {"9": [["frontend-0", "1", ["no time here"], 1, null]]}
        """;

    FaultAlertsDataset d = FaultAlertsDataset.open(MiniFaultAlerts.dataset(dir, metrics, "", logs));

    assertThat(replay(d)).extracting(Alert::name).containsExactly("grpc-mrt");
    assertThat(d.skippedEntries())
        .as("the graph's bad edge, 5 metric entries, a non-array group, an untimed log")
        .isEqualTo(8);
    try (SignalSource source = d.open()) {
      assertThat(source.skippedRows()).isEqualTo(d.skippedEntries());
    }
  }

  @Test
  void survivesAnUnparsableFile() throws IOException {
    FaultAlertsDataset d =
        FaultAlertsDataset.open(MiniFaultAlerts.dataset(dir, "{\"0\": [[1, 2", "[]", null));

    assertThat(replay(d)).isEmpty();
    assertThat(d.skippedEntries()).as("the graph's bad edge and the metric file").isEqualTo(2);
  }

  private static List<Alert> replay(Path dir) throws IOException {
    return replay(FaultAlertsDataset.open(dir));
  }

  private static List<Alert> replay(FaultAlertsDataset d) {
    List<Alert> alerts = new ArrayList<>();
    try (SignalSource source = d.open()) {
      source.forEachRemaining(s -> alerts.add((Alert) s));
      assertThat(source.bytesRead()).isEqualTo(source.totalBytes());
    }
    return alerts;
  }
}
