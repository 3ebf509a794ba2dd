package dev.culprit.ingest.faultalerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.model.EntityRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultLabelsTest {
  private static final long T0 = Instant.parse("2022-03-20T00:39:11Z").toEpochMilli();

  @TempDir Path dir;

  @Test
  void readsTheStandardLayoutWithTruthAtEachLevel() throws IOException {
    FaultAlertsDataset d = FaultAlertsDataset.open(MiniFaultAlerts.dataset(dir, "", "", ""));

    assertThat(d.faults())
        .containsExactly(
            new FaultLabel(
                "0",
                T0,
                EntityRef.service("cartservice"),
                "cartservice",
                "container network latency"),
            new FaultLabel(
                "1",
                1_647_737_329_000L,
                EntityRef.instance("cartservice2-0"),
                "cartservice",
                "container CPU load"),
            new FaultLabel(
                "2",
                1_647_738_546_000L,
                EntityRef.node("node-1"),
                null,
                "node disk space consumption"));
    assertThat(d.skippedEntries()).as("the fixture graph's edge without target").isEqualTo(1);
  }

  @Test
  void goesByHeaderNamesWithExtraColumnsEpochMillisAndSynonyms() throws IOException {
    MiniFaultAlerts.write(
        dir,
        "label.csv",
        """
        system,fault_st_time,fault_type,note,fault_entity,fault_id,fault_level
        ob,1647736752000,cpu,"a, b",10.0.0.2,b,host
        ob,1647736751000,memory,,shippingservice-1,a,service_instance
        ob,1647736753000,latency,,checkout-7d9f8b6c5d-x2kq9,c,instance
        """);

    FaultAlertsDataset d = FaultAlertsDataset.open(dir);

    assertThat(d.faults())
        .containsExactly(
            new FaultLabel(
                "a", T0, EntityRef.instance("shippingservice-1"), "shippingservice", "memory"),
            new FaultLabel("b", T0 + 1_000, EntityRef.node("10.0.0.2"), null, "cpu"),
            new FaultLabel(
                "c",
                T0 + 2_000,
                EntityRef.instance("checkout-7d9f8b6c5d-x2kq9"),
                "checkout",
                "latency"));
  }

  @Test
  void readsDateTimeStringsAsUtcAndMapsHostAddressesThroughTheGraph() throws IOException {
    MiniFaultAlerts.write(dir, "kg.json", MiniFaultAlerts.KG);
    MiniFaultAlerts.write(
        dir,
        "label.csv",
        """
        fault_level,fault_entity,fault_type,fault_datetime
        node,10.0.0.2,disk,2022-03-20 00:39:11.250
        service,frontend,cpu,2022-03-20 00:39:11
        """);

    FaultAlertsDataset d = FaultAlertsDataset.open(dir);

    assertThat(d.faults())
        .containsExactly(
            new FaultLabel("1", T0, EntityRef.service("frontend"), "frontend", "cpu"),
            new FaultLabel("0", T0 + 250, EntityRef.node("node-2"), null, "disk"));
  }

  @Test
  void aLabelZoneMovesDateTimesWithoutAZoneButNotEpochTimes() throws IOException {
    MiniFaultAlerts.write(
        dir,
        "label.csv",
        """
        fault_level,fault_entity,fault_type,fault_datetime
        service,frontend,cpu,2022-03-20 08:39:11
        service,cart,cpu,2022-03-20T00:39:12Z
        service,ad,cpu,1647736753
        """);

    FaultAlertsDataset d = FaultAlertsDataset.open(dir, java.time.ZoneId.of("Asia/Shanghai"));

    assertThat(d.faults()).extracting(FaultLabel::time).containsExactly(T0, T0 + 1_000, T0 + 2_000);
  }

  @Test
  void skipsAndCountsMalformedRows() throws IOException {
    MiniFaultAlerts.write(
        dir,
        "label.csv",
        """
        fault_id,fault_level,fault_entity,fault_type,fault_st_time
        0,service,cartservice,cpu,1647736751
        1,galaxy,cartservice,cpu,1647736752
        2,service,cartservice,cpu,yesterday
        3,service,,cpu,1647736753
        4,service
        """);

    FaultAlertsDataset d = FaultAlertsDataset.open(dir);

    assertThat(d.faults()).extracting(FaultLabel::id).containsExactly("0");
    assertThat(d.skippedEntries()).isEqualTo(4);
  }

  @Test
  void namesWhatIsMissing() throws IOException {
    assertThatThrownBy(() -> FaultAlertsDataset.open(dir.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("no such directory");
    assertThatThrownBy(() -> FaultAlertsDataset.open(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing label.csv");
    MiniFaultAlerts.write(dir, "label.csv", "fault_id,fault_level,fault_type,fault_st_time\n");
    assertThatThrownBy(() -> FaultAlertsDataset.open(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing column fault_entity");
    MiniFaultAlerts.write(dir, "label.csv", "fault_id,fault_level,fault_entity,fault_type\n");
    assertThatThrownBy(() -> FaultAlertsDataset.open(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing a start time column");
  }
}
