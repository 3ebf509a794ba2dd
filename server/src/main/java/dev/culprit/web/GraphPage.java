package dev.culprit.web;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.Subgraph;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /graph?q=TEXT&entity=KEY&depth=N}: search the entity graph by name, and the
 * neighbourhood of one entity (drawn by {@code graph.js}), coloured by the anomalies of the open
 * incidents held.
 */
final class GraphPage {
  static final int RESULTS = 50;
  static final int MAX_DEPTH = 3;

  private final GraphView graph;
  private final IncidentBoard board;

  GraphPage(GraphView graph, IncidentBoard board) {
    this.graph = graph;
    this.board = board;
  }

  String render(Map<String, String> query) {
    String q = query.getOrDefault("q", "").strip();
    String key = query.get("entity");
    int depth = depth(query.get("depth"));
    StringBuilder b = new StringBuilder();
    b.append("<form class=\"filters\" method=\"get\" action=\"/graph\">")
        .append("<label>Entity <input name=\"q\" id=\"q\" value=\"")
        .append(Html.escape(q))
        .append("\" placeholder=\"service, pod or node name\"></label>")
        .append("<button type=\"submit\">Search</button></form>\n");
    b.append("<p>").append(graph.size()).append(" edges known.</p>\n");
    if (!q.isEmpty()) {
      results(b, q);
    }
    List<String> scripts = List.of();
    if (key != null) {
      EntityRef center;
      try {
        center = EntityRef.parseKey(key);
      } catch (IllegalArgumentException e) {
        b.append("<p class=\"problem\">").append(Html.escape(e.getMessage())).append("</p>\n");
        return Html.page("Entity graph", b.toString(), scripts);
      }
      Subgraph around = graph.neighbourhood(center, depth);
      b.append("<h2>Within ")
          .append(depth)
          .append(" edges of <span class=\"entity\">")
          .append(Html.escape(center.key()))
          .append("</span></h2>\n");
      b.append("<div id=\"graph\" class=\"chart\"></div>\n");
      b.append(
          Html.data(
              "culprit-data",
              Map.of("graph", ChartData.neighbourhood(around, center, openEvidence()))));
      scripts = List.of("/assets/" + Assets.ECHARTS, "/assets/charts.js", "/assets/graph.js");
    }
    return Html.page("Entity graph", b.toString(), scripts);
  }

  private void results(StringBuilder b, String q) {
    List<EntityRef> found = graph.search(q, RESULTS + 1);
    if (found.isEmpty()) {
      b.append("<p id=\"results\">No entity matches ").append(Html.escape(q)).append(".</p>\n");
      return;
    }
    b.append("<ul id=\"results\">");
    for (EntityRef r : found.stream().limit(RESULTS).toList()) {
      b.append("<li><a href=\"/graph?entity=")
          .append(Html.escape(URLEncoder.encode(r.key(), StandardCharsets.UTF_8)))
          .append("\">")
          .append(Html.escape(r.key()))
          .append("</a></li>");
    }
    b.append("</ul>\n");
    if (found.size() > RESULTS) {
      b.append("<p>More match; narrow the search.</p>\n");
    }
  }

  private List<Evidence> openEvidence() {
    return board.list().stream()
        .filter(i -> i.status() == Incident.Status.OPEN)
        .flatMap(ChartData::evidence)
        .toList();
  }

  private static int depth(String s) {
    try {
      return s == null ? 1 : Math.clamp(Integer.parseInt(s.strip()), 1, MAX_DEPTH);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
