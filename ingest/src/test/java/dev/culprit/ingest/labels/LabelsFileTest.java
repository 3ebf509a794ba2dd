package dev.culprit.ingest.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.model.EntityRef;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsFileTest {
  private static final long T = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

  @Test
  void goesByHeaderNamesInAnyOrderWithExtraColumns() throws IOException {
    LabelsFile.Labels labels =
        read(
            """
            Ticket,Root Cause,Kind,Started-At,Level,Service,End Time,notes
            INC-2,cart-7d9f-x2k,cpu,2026-03-01T10:05:00Z,pod,cart,2026-03-01T10:35:00Z,"slow, then down"
            INC-1,node-3,disk,1772359200,host,,,
            """,
            ZoneOffset.UTC);

    assertThat(labels.faults())
        .containsExactly(
            new FaultLabel("3", T, EntityRef.node("node-3"), null, "disk", null),
            new FaultLabel(
                "2",
                T + 300_000,
                EntityRef.instance("cart-7d9f-x2k"),
                "cart",
                "cpu",
                T + 35 * 60_000));
    assertThat(labels.skipped()).isZero();
    assertThat(labels.zoneless()).isZero();
  }

  @Test
  void theReadmeExampleReadsAsItSays() throws IOException {
    LabelsFile.Labels labels =
        read(
            """
            incident,started_at,ended_at,root_cause,level,service,kind,notes
            INC-1042,2026-03-02 14:05:00,2026-03-02 14:50:00,checkout-7d9f8b6c5d-x2kq9,pod,checkout,cpu,"pod throttled, HPA late"
            INC-1047,1772542800,,payments-db,database,,disk,
            INC-1051,2026-03-04T09:12:00+01:00,2026-03-04T09:40:00+01:00,cart,service,,bad deploy,
            """,
            ZoneOffset.UTC);

    assertThat(labels.faults())
        .containsExactly(
            new FaultLabel(
                "2",
                Instant.parse("2026-03-02T14:05:00Z").toEpochMilli(),
                EntityRef.instance("checkout-7d9f8b6c5d-x2kq9"),
                "checkout",
                "cpu",
                Instant.parse("2026-03-02T14:50:00Z").toEpochMilli()),
            new FaultLabel(
                "3",
                1772542800000L,
                new EntityRef(dev.culprit.model.EntityKind.BACKING, "payments-db"),
                "payments-db",
                "disk",
                null),
            new FaultLabel(
                "4",
                Instant.parse("2026-03-04T08:12:00Z").toEpochMilli(),
                EntityRef.service("cart"),
                "cart",
                "bad deploy",
                Instant.parse("2026-03-04T08:40:00Z").toEpochMilli()));
    assertThat(labels.zoneless()).isEqualTo(2);
  }

  @Test
  void idLevelAndKindFallBackWhenAbsent() throws IOException {
    LabelsFile.Labels labels = read("entity,start\ncheckout,1772359200000\n", ZoneOffset.UTC);

    assertThat(labels.faults())
        .containsExactly(
            new FaultLabel("2", T, EntityRef.service("checkout"), "checkout", "unspecified"));
  }

  @Test
  void readsEpochSecondsMillisAndIsoTimesAlike() throws IOException {
    LabelsFile.Labels labels =
        read(
            """
            id,start,entity
            s,1772359200,a
            ms,1772359200000,a
            z,2026-03-01T10:00:00Z,a
            off,2026-03-01 18:00:00+08:00,a
            local,2026-03-01 10:00:00,a
            """,
            ZoneOffset.UTC);

    assertThat(labels.faults()).extracting(FaultLabel::time).containsOnly(T);
    assertThat(labels.zoneless()).isEqualTo(1);
  }

  @Test
  void timesWithoutAZoneAreReadInTheLabelZone() throws IOException {
    String csv = "id,start,entity\nlocal,2026-03-01 18:00:00,a\nutc,2026-03-01T10:00:00Z,a\n";

    LabelsFile.Labels shanghai = read(csv, ZoneId.of("Asia/Shanghai"));
    LabelsFile.Labels plus8 = read(csv, ZoneId.of("UTC+8"));

    assertThat(shanghai.faults()).extracting(FaultLabel::time).containsOnly(T);
    assertThat(plus8.faults()).extracting(FaultLabel::time).containsOnly(T);
    assertThat(read(csv, ZoneOffset.UTC).faults().getLast().time()).isEqualTo(T + 8 * 3_600_000);
  }

  @Test
  void unreadableRowsAreSkippedAndCounted() throws IOException {
    LabelsFile.Labels labels =
        read(
            """
            id,start,end,entity,level
            ok,1772359200,,a,service
            no-start,,,a,service
            bad-time,yesterday,,a,service
            bad-level,1772359200,,a,planet
            no-entity,1772359200,,,service
            ends-early,1772359200,1772359100,a,service
            """,
            ZoneOffset.UTC);

    assertThat(labels.faults()).extracting(FaultLabel::id).containsExactly("ok");
    assertThat(labels.skipped()).isEqualTo(5);
  }

  @Test
  void aHeaderWithoutStartOrEntityIsRefusedNamingTheColumnsLookedFor() {
    assertThatThrownBy(() -> read("id,entity\n1,a\n", ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no start column (one of start, start_time");
    assertThatThrownBy(() -> read("id,start\n1,1772359200\n", ZoneOffset.UTC))
        .hasMessageContaining("no root-cause entity column (one of entity, root_cause");
    assertThatThrownBy(() -> read("", ZoneOffset.UTC)).hasMessageContaining("it is empty");
  }

  @Test
  void whatTheWriterWritesReadsBackTheSame() throws IOException {
    List<FaultLabel> faults =
        List.of(
            new FaultLabel("fault-1", T, EntityRef.node("node-2"), null, "node", T + 300_000),
            new FaultLabel(
                "fault-2", T + 900_000, EntityRef.instance("cart-1"), "cart", "cpu, heavy", null),
            new FaultLabel("fault-3", T + 1_800_000, EntityRef.service("pay\"x"), "pay\"x", "e"));
    StringWriter out = new StringWriter();
    try (LabelsWriter w = new LabelsWriter(out)) {
      for (FaultLabel f : faults) {
        w.write(f);
      }
    }

    assertThat(out.toString()).startsWith("id,start,end,entity,level,service,kind\n");
    assertThat(read(out.toString(), ZoneId.of("Asia/Tokyo")).faults()).isEqualTo(faults);
  }

  private static LabelsFile.Labels read(String csv, ZoneId zone) throws IOException {
    return LabelsFile.read(new StringReader(csv), "labels.csv", zone);
  }
}
