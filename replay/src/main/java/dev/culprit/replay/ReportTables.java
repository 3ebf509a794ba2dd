package dev.culprit.replay;

import dev.culprit.web.Html;
import java.util.List;
import java.util.Locale;

/** The tables of {@link ReportPage}; every value from the report is escaped. */
final class ReportTables {
  private ReportTables() {}

  static void accuracy(StringBuilder b, ReplayReport r) {
    b.append("<table id=\"accuracy\"><tbody>\n");
    row(b, "Ranker", r.ranker());
    row(b, "Protocol", r.protocol());
    row(b, "Faults", String.valueOf(r.faults()));
    row(
        b,
        "Detected",
        r.detected() + " (" + ReportPage.percent(ratio(r.detected(), r.faults())) + ")");
    row(b, "Top-1", ReportPage.percent(r.top1()));
    row(b, "Top-3", ReportPage.percent(r.top3()));
    row(b, "Top-5", ReportPage.percent(r.top5()));
    row(b, "Top-1 (service)", ReportPage.percent(r.top1Service()));
    row(b, "Top-3 (service)", ReportPage.percent(r.top3Service()));
    row(b, "Incidents opened", String.valueOf(r.incidents()));
    row(b, "False incidents", String.valueOf(r.falseIncidents()));
    row(
        b,
        "False incidents per hour",
        String.format(
            Locale.ROOT,
            "%.2f over %.2f signal hours",
            r.falseIncidentsPerHour(),
            r.signalHours()));
    row(b, "Suppressed evidence", r.suppressed() + " (" + r.suppression() + ")");
    row(
        b,
        r.input() == null ? "Signals" : "Input",
        String.format(
            Locale.ROOT, "%,d %s", r.signals(), r.input() == null ? "signals" : r.input()));
    if (!r.without().isEmpty()) {
      row(b, "Without", String.join(", ", r.without()));
    }
    b.append("</tbody></table>\n");
  }

  /**
   * This report's accuracy beside other reports of the same data (baseline rankers, the other
   * protocol, ablations): one row each.
   */
  static void comparison(StringBuilder b, ReplayReport r, List<ReplayReport> others) {
    if (others.isEmpty()) {
      return;
    }
    b.append("<h2>Beside the baselines</h2>\n<table id=\"comparison\"><thead><tr>");
    for (String h :
        List.of(
            "ranker", "protocol", "without", "detected", "top-1", "top-3", "top-5", "false / h")) {
      b.append("<th>").append(h).append("</th>");
    }
    b.append("</tr></thead><tbody>\n");
    List<ReplayReport> all = new java.util.ArrayList<>();
    all.add(r);
    all.addAll(others);
    for (ReplayReport x : all) {
      b.append(x == r ? "<tr class=\"this\">" : "<tr>");
      cell(b, x.ranker());
      cell(b, x.protocol());
      cell(b, String.join(", ", x.without()));
      cell(b, x.detected() + " / " + x.faults());
      cell(b, ReportPage.percent(x.top1()));
      cell(b, ReportPage.percent(x.top3()));
      cell(b, ReportPage.percent(x.top5()));
      cell(b, String.format(Locale.ROOT, "%.2f", x.falseIncidentsPerHour()));
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  static void warnings(StringBuilder b, ReplayReport r) {
    if (r.warnings().isEmpty()) {
      return;
    }
    b.append("<ul class=\"problem\" id=\"warnings\">");
    r.warnings().forEach(w -> b.append("<li>").append(Html.escape(w)).append("</li>"));
    b.append("</ul>\n");
  }

  static void kinds(StringBuilder b, ReplayReport r) {
    b.append("<table id=\"by-kind\"><thead><tr><th>Kind</th><th>Faults</th><th>Detected</th>")
        .append("<th>Top-1</th><th>Top-3</th><th>Top-1 service</th><th>Top-3 service</th>")
        .append("</tr></thead><tbody>\n");
    for (ReplayReport.KindScore k : r.byKind()) {
      b.append("<tr>");
      cell(b, k.kind());
      cell(b, String.valueOf(k.faults()));
      cell(b, String.valueOf(k.detected()));
      cell(b, ReportPage.percent(k.top1()));
      cell(b, ReportPage.percent(k.top3()));
      cell(b, ReportPage.percent(k.top1Service()));
      cell(b, ReportPage.percent(k.top3Service()));
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  static void faults(StringBuilder b, List<ReportPage.Fault> faults, ReplayReport r) {
    b.append("<table id=\"faults\"><thead><tr><th>Fault</th><th>Kind</th><th>Truth</th>")
        .append("<th>Began</th><th>Incident opened</th><th>After</th><th>Rank</th>")
        .append("<th>Ranking</th></tr></thead><tbody>\n");
    List<ReplayReport.Case> cases = r.cases() == null ? List.of() : r.cases();
    for (int i = 0; i < faults.size(); i++) {
      ReportPage.Fault f = faults.get(i);
      ReplayReport.Case c = cases.get(i);
      b.append("<tr>");
      cell(b, f.id());
      cell(b, f.kind());
      cell(b, f.truth());
      cell(b, c.time());
      cell(b, f.opened() == null ? "not detected" : Html.time(f.opened()));
      cell(b, f.opened() == null ? "" : delay(f.opened() - f.start()));
      cell(b, f.rank() == null ? "–" : String.valueOf(f.rank()));
      cell(b, String.join(", ", c.ranking() == null ? List.of() : c.ranking()));
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  private static String delay(long millis) {
    long s = millis / 1000;
    String sign = s < 0 ? "-" : "";
    s = Math.abs(s);
    return String.format(Locale.ROOT, "%s%d min %02d s", sign, s / 60, s % 60);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append("<tr><th>")
        .append(Html.escape(name))
        .append("</th><td>")
        .append(Html.escape(value))
        .append("</td></tr>\n");
  }

  private static void cell(StringBuilder b, String text) {
    b.append("<td>").append(Html.escape(text)).append("</td>");
  }
}
