package dev.culprit.replay;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a replay report as a per-fault table, a per-kind table and a summary. */
public final class ReportTable {
  private final PrintWriter out;

  public ReportTable(PrintWriter out) {
    this.out = out;
  }

  public void print(ReplayReport r) {
    cases(r);
    out.println();
    kinds(r);
    summary(r);
  }

  private void cases(ReplayReport r) {
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
  }

  private void kinds(ReplayReport r) {
    if (r.byKind().isEmpty()) {
      return;
    }
    int width = "fault kind".length();
    for (ReplayReport.KindScore k : r.byKind()) {
      width = Math.max(width, k.kind().length());
    }
    String row = "%-" + width + "s %6s %8s %12s %12s%n";
    out.printf(Locale.ROOT, row, "fault kind", "faults", "detected", "top1", "top3");
    for (ReplayReport.KindScore k : r.byKind()) {
      out.printf(
          Locale.ROOT,
          row,
          k.kind(),
          k.faults(),
          k.detected(),
          count(k.top1(), k.faults()),
          count(k.top3(), k.faults()));
    }
    out.println();
  }

  private static String count(double fraction, int faults) {
    return String.format(Locale.ROOT, "%d (%.3f)", Math.round(fraction * faults), fraction);
  }

  private void summary(ReplayReport r) {
    out.printf(
        Locale.ROOT,
        "%s (%s, ranker %s): %d faults, %d detected; top1 %.3f, top3 %.3f, top5 %.3f"
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
    out.printf(
        Locale.ROOT,
        "incidents %d, false incidents %d (%.2f per hour over %.2f h with signals, %.2f h first to"
            + " last); %,d %s in %.1f s%n",
        r.incidents(),
        r.falseIncidents(),
        r.falseIncidentsPerHour(),
        r.signalHours(),
        r.replayedHours(),
        r.signals(),
        r.input() == null ? "signals" : r.input(),
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
