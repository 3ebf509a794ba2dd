package dev.culprit.replay;

import dev.culprit.web.Assets;
import dev.culprit.web.Html;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A replay report as one self-contained HTML file ({@code replay --html FILE}): the accuracy table,
 * per-kind bars and, per fault, when it began, when its incident opened and the rank of the truth
 * over the incident's versions. ECharts and the drawing script are inlined, allowed by a
 * Content-Security-Policy that names their SHA-256 hashes, so the file opens offline and runs no
 * other script (styles may be inline: the page's own and those ECharts sets).
 */
public final class ReportPage {
  private ReportPage() {}

  /**
   * One fault as the rank chart draws it.
   *
   * @param id fault id
   * @param truth the root-cause entity
   * @param kind fault kind
   * @param start fault start (epoch millis)
   * @param opened when its incident opened (epoch millis), or null
   * @param rank the final rank of the truth, or null
   * @param ranks the rank of the truth (by name) at each version of the incident, null when absent
   */
  public record Fault(
      String id,
      String truth,
      String kind,
      long start,
      Long opened,
      Integer rank,
      List<RankAt> ranks) {}

  /** The rank of the truth at an event time, null when it is not among the causes. */
  public record RankAt(long time, Integer rank) {}

  /** Writes the page of {@code report} to {@code file}. */
  public static void write(ReplayReport report, RankHistory history, Path file) throws IOException {
    write(report, history, List.of(), file);
  }

  /** As {@link #write(ReplayReport, RankHistory, Path)}, with {@code compared} beside it. */
  public static void write(
      ReplayReport report, RankHistory history, List<ReplayReport> compared, Path file)
      throws IOException {
    Files.writeString(file, render(report, history, compared), StandardCharsets.UTF_8);
  }

  /** The page of {@code report}, with the incident times of {@code history}. */
  public static String render(ReplayReport report, RankHistory history) {
    return render(report, history, List.of());
  }

  /**
   * The page of {@code report}, with the incident times of {@code history} and the accuracy of the
   * {@code compared} reports (baselines, other protocols) beside its own.
   */
  public static String render(
      ReplayReport report, RankHistory history, List<ReplayReport> compared) {
    String echarts = safeInline(Assets.get().text(Assets.ECHARTS));
    String charts = safeInline(Assets.get().text("charts.js"));
    String draw = safeInline(Assets.get().text("report.js"));
    String style = Assets.get().text("culprit.css");
    String csp =
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src '"
            + hash(echarts)
            + "' '"
            + hash(charts)
            + "' '"
            + hash(draw)
            + "'";
    StringBuilder b = new StringBuilder(echarts.length() + 64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(csp).append("\">\n");
    b.append("<title>Culprit replay: ").append(Html.escape(report.dataset())).append("</title>\n");
    b.append("<style>").append(style).append("</style>\n</head>\n<body>\n<main>\n");
    b.append("<h1>Replay of ").append(Html.escape(report.dataset())).append("</h1>\n");
    ReportTables.accuracy(b, report);
    ReportTables.comparison(b, report, compared);
    ReportTables.warnings(b, report);
    b.append("<h2>By fault kind</h2>\n<div id=\"kinds\" class=\"chart short\"></div>\n");
    ReportTables.kinds(b, report);
    b.append("<h2>Faults</h2>\n<p class=\"legend\">Rank of the truth over minutes after the")
        .append(" fault began, one line per fault (6: not among the first five).</p>\n");
    b.append("<div id=\"ranks\" class=\"chart\"></div>\n");
    List<Fault> faults = faults(report, history);
    ReportTables.faults(b, faults, report);
    b.append(Html.data("culprit-report", Map.of("byKind", report.byKind(), "faults", faults)));
    b.append("</main>\n");
    for (String script : List.of(echarts, charts, draw)) {
      b.append("<script>").append(script).append("</script>\n");
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  static List<Fault> faults(ReplayReport report, RankHistory history) {
    List<Fault> out = new ArrayList<>();
    for (ReplayReport.Case c :
        report.cases() == null ? List.<ReplayReport.Case>of() : report.cases()) {
      List<RankAt> ranks = new ArrayList<>();
      for (RankHistory.Version v : history.versions(c.incident())) {
        int at = v.causes().indexOf(c.truth());
        ranks.add(new RankAt(v.time(), at < 0 ? null : at + 1));
      }
      out.add(
          new Fault(
              c.id(),
              c.truth(),
              c.kind(),
              epochMillis(c.time()),
              history.opened(c.incident()),
              c.rank(),
              ranks));
    }
    return out;
  }

  private static long epochMillis(String iso) {
    try {
      return Instant.parse(iso).toEpochMilli();
    } catch (DateTimeParseException | NullPointerException e) {
      return 0;
    }
  }

  /** {@code script} with {@code </script} broken up, so that it cannot end its element early. */
  static String safeInline(String script) {
    return script.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
  }

  /** The CSP source of {@code text}'s SHA-256 hash. */
  static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }
}
