package dev.culprit.app.replay;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a replay report as a per-fault table with a summary. */
public final class ReportTable {
  private final PrintWriter out;

  public ReportTable(PrintWriter out) {
    this.out = out;
  }

  public void print(ReplayReport r) {
    out.printf(
        Locale.ROOT,
        "%-22s %-16s %-30s %-5s %-4s %-4s %s%n",
        "fault start",
        "kind",
        "truth",
        "det",
        "rank",
        "svc",
        "ranking (top 3)");
    for (ReplayReport.Case c : r.cases()) {
      out.printf(
          Locale.ROOT,
          "%-22s %-16s %-30s %-5s %-4s %-4s %s%n",
          c.time(),
          c.kind(),
          c.truth(),
          c.detected() ? "yes" : "no",
          c.rank() == null ? "-" : c.rank().toString(),
          c.serviceRank() == null ? "-" : c.serviceRank().toString(),
          String.join(", ", c.ranking().subList(0, Math.min(3, c.ranking().size()))));
    }
    out.printf(
        Locale.ROOT,
        "%n%s (%s, ranker %s): %d faults, %d detected; top1 %.3f, top3 %.3f, top5 %.3f"
            + " (service level: top1 %.3f, top3 %.3f)%n",
        r.dataset(),
        r.protocol(),
        r.ranker(),
        r.faults(),
        r.detected(),
        r.top1(),
        r.top3(),
        r.top5(),
        r.top1Service(),
        r.top3Service());
    double perHour = r.replayedHours() > 0 ? r.falseIncidents() / r.replayedHours() : 0;
    out.printf(
        Locale.ROOT,
        "incidents %d, false incidents %d (%.2f per hour over %.2f h); %,d signals in %.1f s%n",
        r.incidents(),
        r.falseIncidents(),
        perHour,
        r.replayedHours(),
        r.signals(),
        r.elapsedMs() / 1000.0);
    ReplayReport.Timing t = r.rankingMs();
    out.printf(
        Locale.ROOT,
        "ranking: %d calls, p50 %.3f ms, p99 %.3f ms, max %.3f ms%s%n",
        t.count(),
        t.p50(),
        t.p99(),
        t.max(),
        r.without().isEmpty() ? "" : "; without " + String.join(", ", r.without()));
    out.printf(
        Locale.ROOT,
        "suppressed: %,d evidence items (suppression: %s)%n",
        r.suppressed(),
        r.suppression());
  }
}
