package dev.culprit.web;

import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.http.Endpoint;
import dev.culprit.http.Exchange;
import dev.culprit.http.FeedbackRoutes;
import dev.culprit.model.Incident;
import dev.culprit.model.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The web pages, served by the same server as the receivers: {@code /incidents} (the live list),
 * {@code /incident?id=ID}, {@code /graph}, {@code /api/incidents} (the list as JSON), {@code
 * /api/incidents/events} (server-sent events) and their files under {@code /assets/}; {@code /}
 * leads to the list. Who may read them is decided by {@link WebAccess}: with a bearer token, the
 * token (header, cookie or {@code ?token=}) or, for one incident page, a signed chat link.
 */
public final class WebView implements AutoCloseable {
  private final IncidentBoard board;
  private final WebAccess access;
  private final IncidentListPage list;
  private final IncidentPage incident;
  private final GraphPage graphPage;
  private final IncidentStream stream;

  /**
   * @param bearerToken the server's token, or null for pages anyone reaching the server may read
   * @param links how chat links are signed (the incident page accepts them and signs its feedback
   *     links)
   */
  public WebView(IncidentBoard board, GraphView graph, String bearerToken, FeedbackLinks links) {
    this.board = board;
    this.access = new WebAccess(bearerToken, links);
    this.list = new IncidentListPage(board);
    this.incident = new IncidentPage(links);
    this.graphPage = new GraphPage(graph, board);
    this.stream = new IncidentStream(board);
  }

  /** The endpoints to serve. */
  public List<Endpoint> endpoints() {
    List<Endpoint> out = new ArrayList<>(Assets.get().endpoints());
    out.add(get("/", this::root));
    out.add(get("/incidents", this::list));
    out.add(get("/incident", this::incident));
    out.add(get("/graph", this::graph));
    out.add(get("/api/incidents", this::json));
    out.add(get("/api/incidents/events", this::events));
    return out;
  }

  private static Endpoint get(String path, Page page) {
    return new Endpoint(path, Set.of("GET"), false, 0, (ex, body) -> page.serve(ex, query(ex)));
  }

  @FunctionalInterface
  private interface Page {
    void serve(Exchange ex, Map<String, String> query) throws IOException;
  }

  private static Map<String, String> query(Exchange ex) {
    try {
      return FeedbackRoutes.form(ex.rawQuery());
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }

  private void root(Exchange ex, Map<String, String> q) {
    ex.setHeader("Location", "/incidents");
    ex.send(303, "text/plain; charset=utf-8", "See /incidents\n");
  }

  private void list(Exchange ex, Map<String, String> q) {
    if (!access.allows(ex, q, null)) {
      WebAccess.refuse(ex);
      return;
    }
    Html.send(ex, 200, list.render(q));
  }

  private void incident(Exchange ex, Map<String, String> q) {
    String id = q.get("id");
    if (!access.allows(ex, q, id)) {
      WebAccess.refuse(ex);
      return;
    }
    Optional<Incident> found = id == null ? Optional.empty() : board.get(id);
    if (found.isEmpty()) {
      String why =
          id == null
              ? "Give the incident as ?id=ID."
              : "No incident "
                  + id
                  + " is held: it is unknown, or older than the "
                  + board.size()
                  + " most recent incidents this server keeps.";
      Html.send(ex, 404, Html.problem("Incident not found", why));
      return;
    }
    Html.send(ex, 200, incident.render(found.get()));
  }

  private void graph(Exchange ex, Map<String, String> q) {
    if (!access.allows(ex, q, null)) {
      WebAccess.refuse(ex);
      return;
    }
    Html.send(ex, 200, graphPage.render(q));
  }

  private void json(Exchange ex, Map<String, String> q) throws IOException {
    if (!access.allows(ex, q, null)) {
      WebAccess.refuse(ex);
      return;
    }
    List<IncidentRow> rows = board.list().stream().map(IncidentRow::of).toList();
    ex.setHeader("Cache-Control", "no-store");
    ex.send(200, "application/json", Json.mapper().writeValueAsString(rows));
  }

  private void events(Exchange ex, Map<String, String> q) {
    if (!access.allows(ex, q, null)) {
      WebAccess.refuse(ex);
      return;
    }
    stream.serve(ex);
  }

  /** Ends the open event streams. */
  @Override
  public void close() {
    stream.stop();
  }
}
