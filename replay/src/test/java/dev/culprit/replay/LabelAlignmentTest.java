package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.model.EntityRef;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelAlignmentTest {
  private static final long DAY = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000;
  private static final long MINUTE = 60_000;

  /** A metric a minute from 00:00 to 08:00, and a burst of symptoms after 02:00, 04:00, 06:00. */
  private static SignalMinutes minutes() {
    SignalMinutes m = new SignalMinutes();
    for (long t = DAY; t < DAY + 8 * HOUR; t += MINUTE) {
      m.add(t);
    }
    for (long fault : new long[] {2, 4, 6}) {
      for (long t = DAY + fault * HOUR; t < DAY + fault * HOUR + 5 * MINUTE; t += 1000) {
        m.add(t);
      }
    }
    return m;
  }

  private static List<FaultLabel> faultsAt(long... hours) {
    return java.util.Arrays.stream(hours)
        .mapToObj(h -> new FaultLabel("f" + h, DAY + h * HOUR, EntityRef.service("a"), "a", "x"))
        .toList();
  }

  @Test
  void labelsNearTheSignalsAreFine() {
    assertThat(LabelAlignment.check(faultsAt(2, 4, 6), minutes(), ZoneOffset.UTC)).isEmpty();
    assertThat(LabelAlignment.check(faultsAt(2, 4, 12), minutes(), ZoneOffset.UTC))
        .as("one of three far off is not most")
        .isEmpty();
  }

  @Test
  void localTimesReadAsUtcAreNamedWithTheZoneThatAlignsThem() {
    assertThat(LabelAlignment.check(faultsAt(10, 12, 14), minutes(), ZoneOffset.UTC))
        .contains(
            "3 of 3 labelled faults have no signal within 1 h of them; signals are 8 h earlier"
                + " than labels: if the label times name no zone, try --label-zone UTC+8");
  }

  @Test
  void theSuggestionIsRelativeToTheZoneTheLabelsWereReadIn() {
    List<FaultLabel> readInTokyo = faultsAt(-5, -3, -1);

    assertThat(LabelAlignment.check(readInTokyo, minutes(), ZoneId.of("Asia/Tokyo")))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .contains("signals are 7 h later than labels")
                    .endsWith("try --label-zone UTC+2"));
  }

  @Test
  void labelsNoOffsetAlignsAreSaidToBeOfOtherData() {
    assertThat(LabelAlignment.check(faultsAt(48, 50), minutes(), ZoneOffset.UTC))
        .contains(
            "2 of 2 labelled faults have no signal within 1 h of them; no clock offset within"
                + " 14 h aligns them: are the labels of this data?");
  }

  @Test
  void zoneNamesAreZoneIds() {
    assertThat(LabelAlignment.zoneName(0)).isEqualTo("UTC");
    assertThat(LabelAlignment.zoneName(-3 * 3600)).isEqualTo("UTC-3");
    assertThat(LabelAlignment.zoneName(5 * 3600 + 1800)).isEqualTo("UTC+05:30");
    for (int s : new int[] {0, -3 * 3600, 5 * 3600 + 1800, 8 * 3600}) {
      assertThat(ZoneId.of(LabelAlignment.zoneName(s)).getRules().getOffset(Instant.EPOCH))
          .isEqualTo(ZoneOffset.ofTotalSeconds(s));
    }
  }
}
