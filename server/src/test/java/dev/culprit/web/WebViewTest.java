package dev.culprit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.http.IngestServer;
import dev.culprit.http.RawSink;
import dev.culprit.model.Incident;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebViewTest {
  private static final RawSink NO_RAW =
      (topic, payload, headers) -> CompletableFuture.failedFuture(new AssertionError(topic));
  private final HttpClient client = HttpClient.newHttpClient();
  private final IncidentBoard board = new IncidentBoard();
  private final GraphView graph = new GraphView();
  private IngestServer server;
  private WebView view;

  private void start(String token, FeedbackLinks links) throws Exception {
    view = new WebView(board, graph, token, links);
    server =
        IngestServer.start(
            new IngestServer.Config(0, token, 4096, Duration.ofSeconds(5)),
            List.of(),
            NO_RAW,
            view.endpoints());
  }

  @AfterEach
  void stop() {
    if (view != null) {
      view.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theListShowsEachIncidentOnceWithDataEscapedUnderAStrictPolicy() throws Exception {
    board.accept(WebFixtures.incident("inc-1", 1, Incident.Status.OPEN, "prod"));
    board.accept(WebFixtures.incident("inc-2", 1, Incident.Status.RESOLVED, "dev"));
    start(null, FeedbackLinks.unsigned());

    HttpResponse<String> all = get("/incidents");
    HttpResponse<String> open = get("/incidents?status=OPEN&scope=prod");

    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp -> assertThat(csp).contains("default-src 'none'; script-src 'self';"));
    assertThat(all.body())
        .contains("data-id=\"inc-1\"", "data-id=\"inc-2\"")
        .contains("service:cart&lt;script&gt;window.pwned=1&lt;/script&gt;")
        .doesNotContain(WebFixtures.HOSTILE);
    assertThat(open.body()).contains("data-id=\"inc-1\"").doesNotContain("data-id=\"inc-2\"");
  }

  @Test
  void theIncidentPageShowsThreeCausesWhatWasHeldBackAndItsDataAsInertJson() throws Exception {
    board.accept(WebFixtures.incident("inc-1", 2, Incident.Status.OPEN, "prod"));
    start(null, FeedbackLinks.unsigned());

    String page = get("/incident?id=inc-1").body();

    assertThat(page.split("<li class=\"cause\">", -1)).hasSize(4);
    assertThat(page)
        .contains("flapped 5 times &lt;script&gt;")
        .contains("href=\"/feedback?incident=inc-1&amp;action=false-positive\"")
        .contains("<script type=\"application/json\" id=\"culprit-data\">")
        .contains("\\u003cscript\\u003ewindow.pwned=1\\u003c/script\\u003e")
        .contains(
            "href=\"https://grafana.example.com/d/x?a=1&amp;b=&quot;&lt;script&gt;window.pwned=1")
        .contains("<code>trace 4bf92f3577b34da6a3ce929d0e0e4736</code>")
        .contains("<td>metric latency</td>")
        .doesNotContain(WebFixtures.HOSTILE);
    assertThat(get("/incident?id=nope").statusCode()).isEqualTo(404);
  }

  @Test
  void withATokenPagesNeedItAsHeaderQueryOrCookieOrASignedLinkForOneIncident() throws Exception {
    board.accept(WebFixtures.incident("inc-1", 1, Incident.Status.OPEN, "prod"));
    FeedbackLinks links = FeedbackLinks.fromToken("t0ken", Duration.ofDays(1), Clock.systemUTC());
    start("t0ken", links);

    assertThat(get("/incidents").statusCode()).isEqualTo(401);
    assertThat(get("/incidents?token=wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> byQuery = get("/incidents?token=t0ken");
    assertThat(byQuery.statusCode()).isEqualTo(200);
    assertThat(byQuery.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(
            c -> assertThat(c).startsWith("culprit_token=t0ken;").contains("HttpOnly"));
    assertThat(get("/incidents", "Cookie", "a=b; culprit_token=t0ken").statusCode()).isEqualTo(200);
    assertThat(get("/graph", "Authorization", "Bearer t0ken").statusCode()).isEqualTo(200);
    String signed = "/incident?id=inc-1&" + links.proof("inc-1");
    assertThat(get(signed).statusCode()).isEqualTo(200);
    assertThat(get(signed.replace("id=inc-1", "id=inc-2")).statusCode()).isEqualTo(401);
    assertThat(get("/api/incidents/events").statusCode()).isEqualTo(401);
    assertThat(get("/assets/echarts.min.js").statusCode()).isEqualTo(200);
  }

  @Test
  void theEventStreamSendsEachNewVersionAsARow() throws Exception {
    start(null, FeedbackLinks.unsigned());
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/incidents/events"))
            .build();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(in.readLine()).isEqualTo("retry: 2000");
      board.accept(WebFixtures.incident("inc-9", 4, Incident.Status.OPEN, "prod"));
      String line;
      while ((line = in.readLine()) != null && !line.startsWith("event:")) {
        // comments before the event
      }
      assertThat(line).isEqualTo("event: incident");
      assertThat(in.readLine())
          .startsWith("data: {\"id\":\"inc-9\",\"version\":4,\"status\":\"OPEN\"")
          .contains("\"topCause\":\"service:cart" + WebFixtures.HOSTILE + "\"");
    }
  }

  @Test
  void theGraphPageFindsEntitiesAndShowsANeighbourhood() throws Exception {
    Incident i = WebFixtures.incident("inc-1", 1, Incident.Status.OPEN, "prod");
    graph.accept(WebFixtures.call(i.affected().get(3), i.affected().get(0)));
    graph.accept(WebFixtures.call(i.affected().get(0), i.affected().get(1)));
    start(null, FeedbackLinks.unsigned());

    String search = get("/graph?q=PRI").body();
    String around = get("/graph?entity=service%3Aprice").body();

    assertThat(search).contains("<a href=\"/graph?entity=service%3Aprice\">service:price</a>");
    assertThat(around)
        .contains("Within 1 edges of <span class=\"entity\">service:price</span>")
        .contains("\"id\":\"service:cart\\u003cscript")
        .doesNotContain("\"id\":\"service:front\"");
    assertThat(get("/graph?entity=bogus").body()).contains("Invalid entity key: bogus");
  }
}
