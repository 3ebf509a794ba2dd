package dev.culprit.replay;

import dev.culprit.ingest.dataset.FaultLabel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks that labelled faults lie where the replay has signals. When most faults have no signal
 * within {@link #NEAR_MILLIS} of them, the labels are probably on another clock (local times read
 * in the wrong zone) or from another period; the warning then names the clock offset, in quarter
 * hours up to 14 h either way, that puts the most faults near signals, preferring the offset with
 * the most signals just after the faults (where a fault's symptoms are), then the smallest.
 */
final class LabelAlignment {
  static final long NEAR_MILLIS = 3_600_000;

  private static final long QUARTER_HOUR = 15 * 60_000L;
  private static final long MAX_OFFSET = 14 * 3_600_000L;
  private static final long SYMPTOMS_BEFORE = 60_000;
  private static final long SYMPTOMS_AFTER = 5 * 60_000;

  private LabelAlignment() {}

  /**
   * A warning when more than half of {@code faults} have no signal within an hour, else empty.
   *
   * @param zone the zone label times without one were read in, to suggest the right one
   */
  static Optional<String> check(List<FaultLabel> faults, SignalMinutes minutes, ZoneId zone) {
    if (faults.isEmpty() || minutes.isEmpty()) {
      return Optional.empty();
    }
    int unaligned = faults.size() - aligned(faults, minutes, 0);
    if (unaligned * 2 <= faults.size()) {
      return Optional.empty();
    }
    String head =
        String.format(
            Locale.ROOT,
            "%d of %d labelled faults have no signal within 1 h of them",
            unaligned,
            faults.size());
    long best = bestOffset(faults, minutes);
    if (best == 0 || aligned(faults, minutes, best) * 2 <= faults.size()) {
      return Optional.of(
          head + "; no clock offset within 14 h aligns them: are the labels of this data?");
    }
    int suggested =
        zone.getRules().getOffset(Instant.ofEpochMilli(faults.getFirst().time())).getTotalSeconds()
            - (int) (best / 1000);
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%s; signals are %s %s than labels: if the label times name no zone, try"
                + " --label-zone %s",
            head,
            duration(Math.abs(best)),
            best < 0 ? "earlier" : "later",
            zoneName(suggested)));
  }

  /** The offset to add to label times that aligns most faults (then most symptoms, smallest). */
  private static long bestOffset(List<FaultLabel> faults, SignalMinutes minutes) {
    long best = 0;
    int bestAligned = aligned(faults, minutes, 0);
    long bestSymptoms = symptoms(faults, minutes, 0);
    for (long d = -MAX_OFFSET; d <= MAX_OFFSET; d += QUARTER_HOUR) {
      int a = aligned(faults, minutes, d);
      long s = symptoms(faults, minutes, d);
      boolean better =
          a > bestAligned
              || (a == bestAligned && s > bestSymptoms)
              || (a == bestAligned && s == bestSymptoms && Math.abs(d) < Math.abs(best));
      if (better) {
        best = d;
        bestAligned = a;
        bestSymptoms = s;
      }
    }
    return best;
  }

  private static int aligned(List<FaultLabel> faults, SignalMinutes minutes, long offset) {
    int n = 0;
    for (FaultLabel f : faults) {
      long t = f.time() + offset;
      if (minutes.between(t - NEAR_MILLIS, t + NEAR_MILLIS) > 0) {
        n++;
      }
    }
    return n;
  }

  private static long symptoms(List<FaultLabel> faults, SignalMinutes minutes, long offset) {
    long n = 0;
    for (FaultLabel f : faults) {
      long t = f.time() + offset;
      n += minutes.between(t - SYMPTOMS_BEFORE, t + SYMPTOMS_AFTER);
    }
    return n;
  }

  private static String duration(long millis) {
    long minutes = millis / 60_000;
    return minutes % 60 == 0
        ? minutes / 60 + " h"
        : String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
  }

  /** {@code UTC+8}, {@code UTC-03:30}, {@code UTC}: a zone id {@link ZoneId#of} reads. */
  static String zoneName(int offsetSeconds) {
    if (offsetSeconds == 0) {
      return "UTC";
    }
    int minutes = Math.abs(offsetSeconds) / 60;
    String sign = offsetSeconds < 0 ? "-" : "+";
    return minutes % 60 == 0
        ? "UTC" + sign + minutes / 60
        : String.format(Locale.ROOT, "UTC%s%02d:%02d", sign, minutes / 60, minutes % 60);
  }
}
