package dev.culprit.web;

import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import dev.culprit.notify.MessageContent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /incident?id=ID}: one incident's latest version: its first three causes with score,
 * explanation and evidence, its subgraph and evidence timeline (drawn by {@code incident.js} from
 * the page's JSON block), the evidence that was held back and why, and the feedback links.
 */
final class IncidentPage {
  static final int EVIDENCE_ROWS = 50;

  private final FeedbackLinks links;

  IncidentPage(FeedbackLinks links) {
    this.links = links;
  }

  String render(Incident i) {
    StringBuilder b = new StringBuilder();
    summary(b, i);
    b.append("<section><h2>Root causes</h2>\n<ol id=\"causes\">\n");
    List<RootCause> causes = i.rootCauses().stream().limit(ChartData.CAUSES).toList();
    for (RootCause c : causes) {
      cause(b, c);
    }
    b.append("</ol>\n");
    if (causes.isEmpty()) {
      b.append("<p>No root cause ranked yet.</p>\n");
    }
    b.append("</section>\n");
    b.append("<section><h2>Subgraph</h2>\n");
    b.append("<p class=\"legend\">Candidates are numbered and outlined; colour is anomaly")
        .append(" strength; edges: <span class=\"e-calls\">calls</span>")
        .append(" <span class=\"e-instance_of\">instance of</span>")
        .append(" <span class=\"e-hosted_on\">hosted on</span>")
        .append(" <span class=\"e-data_flow\">data flow</span>.</p>\n");
    b.append("<div id=\"graph\" class=\"chart\"></div>\n</section>\n");
    b.append("<section><h2>Timeline</h2>\n<p class=\"legend\">Evidence by family at its onset;")
        .append(" vertical lines mark each cause's onset.</p>\n");
    b.append("<div id=\"timeline\" class=\"chart short\"></div>\n</section>\n");
    List<Evidence> live = i.evidence().stream().filter(e -> !e.suppressed()).toList();
    List<Evidence> held = ChartData.evidence(i).filter(Evidence::suppressed).toList();
    b.append("<section><h2>Evidence</h2>\n");
    evidenceTable(b, "evidence", live);
    b.append("</section>\n<section><h2>Held back</h2>\n");
    held(b, held);
    b.append("</section>\n");
    feedback(b, i, causes);
    b.append(
        Html.data(
            "culprit-data",
            Map.of("graph", ChartData.graph(i), "timeline", ChartData.timeline(i))));
    return Html.page(
        "Incident " + i.id(),
        b.toString(),
        List.of("/assets/" + Assets.ECHARTS, "/assets/charts.js", "/assets/incident.js"));
  }

  private static void summary(StringBuilder b, Incident i) {
    String severity = MessageContent.severity(i).name();
    b.append("<dl class=\"summary\" id=\"summary\">");
    term(b, "Status", i.status().name().toLowerCase(Locale.ROOT));
    b.append("<dt>Severity</dt><dd><span class=\"sev sev-")
        .append(severity.toLowerCase(Locale.ROOT))
        .append("\">")
        .append(severity)
        .append("</span></dd>");
    term(b, "Scope", i.scope());
    term(b, "Opened", Html.time(i.openedAt()));
    term(b, "Updated", Html.time(i.updatedAt()) + " (version " + i.version() + ")");
    if (!i.change().isEmpty()) {
      term(b, "Change", i.change());
    }
    if (i.trigger() != null) {
      term(b, "Trigger", i.trigger());
    }
    term(b, "Alerts", String.valueOf(i.alerts().size()));
    b.append("</dl>\n");
  }

  private static void cause(StringBuilder b, RootCause c) {
    b.append("<li class=\"cause\"><h3><span class=\"entity\">")
        .append(Html.escape(c.ref().key()))
        .append("</span> <span class=\"score\">score ")
        .append(String.format(Locale.ROOT, "%.3f", c.score()))
        .append("</span></h3>\n");
    if (c.service() != null && !c.service().equals(c.entity())) {
      b.append("<p>in service ").append(Html.escape(c.service())).append("</p>\n");
    }
    b.append("<p class=\"explanation\">").append(Html.escape(c.explanation())).append("</p>\n");
    evidenceTable(b, null, c.evidence());
    b.append("</li>\n");
  }

  private static void evidenceTable(StringBuilder b, String id, List<Evidence> evidence) {
    if (evidence.isEmpty()) {
      b.append("<p>None.</p>\n");
      return;
    }
    b.append("<table class=\"evidence\"").append(id == null ? "" : " id=\"" + id + "\"");
    b.append("><thead><tr><th>Entity</th><th>Signal</th><th>Family</th><th>Feature</th>")
        .append("<th>Score</th>")
        .append("<th>Value</th><th>Baseline</th><th>Onset</th><th>Detail</th></tr></thead><tbody>");
    for (Evidence e : evidence.stream().limit(EVIDENCE_ROWS).toList()) {
      b.append("<tr>");
      cell(b, e.entity().key());
      cell(b, e.signal().label());
      cell(b, e.family().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      cell(b, e.feature());
      cell(b, String.format(Locale.ROOT, "%.2f", e.score()));
      cell(b, String.format(Locale.ROOT, "%.4g", e.value()));
      cell(b, String.format(Locale.ROOT, "%.4g", e.baseline()));
      cell(b, Html.time(e.onset()));
      detail(b, e);
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n");
    if (evidence.size() > EVIDENCE_ROWS) {
      b.append("<p>and ").append(evidence.size() - EVIDENCE_ROWS).append(" more.</p>\n");
    }
  }

  private static void held(StringBuilder b, List<Evidence> held) {
    if (held.isEmpty()) {
      b.append("<p id=\"held\">Nothing was held back.</p>\n");
      return;
    }
    b.append("<table id=\"held\"><thead><tr><th>Entity</th><th>Feature</th><th>Rule</th>")
        .append("<th>Why</th><th>Confidence</th></tr></thead><tbody>");
    for (Evidence e : held.stream().limit(EVIDENCE_ROWS).toList()) {
      b.append("<tr>");
      cell(b, e.entity().key());
      cell(b, e.feature());
      cell(b, e.suppression().kind().name().toLowerCase(Locale.ROOT));
      cell(b, e.suppression().reason());
      cell(b, String.format(Locale.ROOT, "%.2f", e.suppression().confidence()));
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n");
  }

  private void feedback(StringBuilder b, Incident i, List<RootCause> causes) {
    String proof = links.proof(i.id());
    String base =
        "/feedback?incident=" + encode(i.id()) + (proof == null ? "" : "&" + proof) + "&action=";
    b.append("<section><h2>Feedback</h2>\n<p class=\"actions\" id=\"feedback\">");
    b.append("<a class=\"button\" href=\"")
        .append(Html.escape(base + "false-positive"))
        .append("\">False positive</a>");
    for (RootCause c : causes) {
      b.append(" <a class=\"button\" href=\"")
          .append(Html.escape(base + "root-cause&entity=" + encode(c.entity())))
          .append("\">Confirm root cause: ")
          .append(Html.escape(c.entity()))
          .append("</a>");
    }
    b.append("</p>\n</section>\n");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void term(StringBuilder b, String name, String value) {
    b.append("<dt>").append(name).append("</dt><dd>").append(Html.escape(value)).append("</dd>");
  }

  /** The detail, then the evidence's links: http(s) URLs as links, trace ids as text. */
  private static void detail(StringBuilder b, Evidence e) {
    b.append("<td>").append(Html.escape(e.detail()));
    for (Evidence.Link l : e.links()) {
      String url = l.url();
      if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
        b.append(" <a rel=\"noopener noreferrer\" href=\"")
            .append(Html.escape(url))
            .append("\">")
            .append(Html.escape(l.label().isBlank() ? url : l.label()))
            .append("</a>");
      } else if (l.traceId() != null) {
        b.append(" <code>").append(Html.escape("trace " + l.traceId())).append("</code>");
      }
    }
    b.append("</td>");
  }

  private static void cell(StringBuilder b, String text) {
    b.append("<td>").append(Html.escape(text)).append("</td>");
  }
}
