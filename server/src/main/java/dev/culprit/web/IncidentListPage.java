package dev.culprit.web;

import dev.culprit.model.Incident;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /incidents?status=OPEN&scope=S}: the incidents held, most recently updated first,
 * filtered by status and scope; {@code incidents.js} keeps the table current from {@link
 * IncidentStream}.
 */
final class IncidentListPage {
  private final IncidentBoard board;

  IncidentListPage(IncidentBoard board) {
    this.board = board;
  }

  String render(Map<String, String> query) {
    String status = blankToNull(query.get("status"));
    String scope = blankToNull(query.get("scope"));
    List<Incident> all = board.list();
    StringBuilder b = new StringBuilder();
    filters(b, status, scope, all);
    b.append("<p class=\"live\" id=\"live\">Live updates: connecting…</p>\n");
    b.append("<table id=\"incidents\" data-status=\"")
        .append(Html.escape(status == null ? "" : status))
        .append("\" data-scope=\"")
        .append(Html.escape(scope == null ? "" : scope))
        .append("\">\n<thead><tr><th>Status</th><th>Severity</th><th>Scope</th><th>Opened</th>")
        .append("<th>Updated</th><th>Top cause</th><th>Affected</th><th>Incident</th></tr>")
        .append("</thead>\n<tbody>\n");
    int shown = 0;
    for (Incident i : all) {
      if ((status == null || i.status().name().equals(status))
          && (scope == null || scope.equals(i.scope()))) {
        row(b, IncidentRow.of(i));
        shown++;
      }
    }
    b.append("</tbody>\n</table>\n");
    b.append("<p id=\"empty\"")
        .append(shown == 0 ? "" : " hidden")
        .append(">No incidents")
        .append(status == null && scope == null ? " yet" : " match these filters")
        .append(".</p>\n");
    return Html.page("Incidents", b.toString(), List.of("/assets/incidents.js"));
  }

  private static void filters(StringBuilder b, String status, String scope, List<Incident> all) {
    b.append("<form class=\"filters\" method=\"get\" action=\"/incidents\">\n");
    b.append("<label>Status <select name=\"status\" id=\"status\">");
    for (String s : List.of("", "OPEN", "RESOLVED")) {
      option(b, s, s.isEmpty() ? "any" : s.toLowerCase(java.util.Locale.ROOT), s.equals(status));
    }
    b.append("</select></label>\n<label>Scope <select name=\"scope\" id=\"scope\">");
    option(b, "", "any", scope == null);
    TreeSet<String> scopes = new TreeSet<>();
    all.forEach(i -> scopes.add(i.scope() == null ? "" : i.scope()));
    if (scope != null) {
      scopes.add(scope);
    }
    scopes.remove("");
    for (String s : scopes) {
      option(b, s, s, s.equals(scope));
    }
    b.append("</select></label>\n<button type=\"submit\">Filter</button>\n</form>\n");
  }

  private static void option(StringBuilder b, String value, String label, boolean selected) {
    b.append("<option value=\"")
        .append(Html.escape(value))
        .append(selected ? "\" selected>" : "\">")
        .append(Html.escape(label))
        .append("</option>");
  }

  /** A table row; {@code incidents.js} builds the same shape for live rows. */
  static void row(StringBuilder b, IncidentRow r) {
    b.append("<tr data-id=\"")
        .append(Html.escape(r.id()))
        .append("\" class=\"")
        .append(r.status().equals("OPEN") ? "open" : "resolved")
        .append("\">");
    cell(b, r.status().toLowerCase(java.util.Locale.ROOT));
    b.append("<td><span class=\"sev sev-")
        .append(Html.escape(r.severity().toLowerCase(java.util.Locale.ROOT)))
        .append("\">")
        .append(Html.escape(r.severity()))
        .append("</span></td>");
    cell(b, r.scope());
    cell(b, r.opened());
    cell(b, r.updated());
    cell(b, r.topCause() == null ? "none yet" : r.topCause());
    String more = r.moreAffected() > 0 ? " and " + r.moreAffected() + " more" : "";
    cell(b, String.join(", ", r.affected()) + more);
    b.append("<td><a href=\"")
        .append(Html.escape(link(r.id())))
        .append("\">")
        .append(Html.escape(r.id()))
        .append("</a></td></tr>\n");
  }

  static String link(String id) {
    return "/incident?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static void cell(StringBuilder b, String text) {
    b.append("<td>").append(Html.escape(text)).append("</td>");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
