package dev.culprit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.model.Feedback;
import dev.culprit.model.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedbackRoutesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:15:00Z");
  private static final String TOKEN = "Bearer s3cret";
  private static final FeedbackLinks LINKS =
      FeedbackLinks.fromToken("s3cret", Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));
  private static final Pattern INPUT =
      Pattern.compile("<input [^>]*name=\"(\\w+)\"[^>]*value=\"([^\"]*)\"");

  private final List<Feedback> captured = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private volatile boolean failWrites;
  private IngestServer server;

  @BeforeEach
  void start() throws Exception {
    FeedbackRoutes routes =
        new FeedbackRoutes(
            feedback -> {
              if (failWrites) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
              }
              captured.add(feedback);
              return CompletableFuture.completedFuture(null);
            },
            Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofSeconds(5),
            "s3cret",
            LINKS);
    RawSink noRaw =
        (topic, payload, headers) -> CompletableFuture.failedFuture(new AssertionError(topic));
    server =
        IngestServer.start(
            new IngestServer.Config(0, "s3cret", 4096, Duration.ofSeconds(5)),
            List.of(),
            noRaw,
            routes.endpoints());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void postedJsonIsWrittenStampedWithTheServerClockAndAnsweredWithTheRecord() throws Exception {
    String body =
        """
        {"incidentId":"inc-1","kind":"ROOT_CAUSE","rootCause":"ts-route-service",
         "author":"ana","note":"route table","time":5}
        """;

    HttpResponse<String> r = postJson(body, TOKEN);

    Feedback expected =
        Feedback.rootCause("inc-1", "ts-route-service", "ana", "route table", NOW.toEpochMilli());
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(captured).containsExactly(expected);
    assertThat(Json.mapper().readValue(r.body(), Feedback.class)).isEqualTo(expected);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void aFalsePositiveNeedsOnlyTheIncidentAndTheKind() throws Exception {
    HttpResponse<String> r =
        postJson("{\"incidentId\":\"inc-2\",\"kind\":\"FALSE_POSITIVE\"}", TOKEN);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(captured)
        .containsExactly(Feedback.falsePositive("inc-2", null, null, NOW.toEpochMilli()));
  }

  @Test
  void invalidJsonIs400WithAReasonAndWritesNothing() throws Exception {
    Map<String, String> reasonByBody = new LinkedHashMap<>();
    reasonByBody.put("{\"incidentId\":", "body is not JSON");
    reasonByBody.put("", "body must be a JSON object");
    reasonByBody.put("[1,2]", "body must be a JSON object");
    reasonByBody.put("{\"kind\":\"FALSE_POSITIVE\"}", "Invalid incidentId");
    reasonByBody.put("{\"incidentId\":\"inc-1\"}", "Invalid kind");
    reasonByBody.put(
        "{\"incidentId\":\"inc-1\",\"kind\":\"MAYBE\"}",
        "Invalid kind: expected FALSE_POSITIVE or ROOT_CAUSE, not MAYBE");
    reasonByBody.put("{\"incidentId\":\"inc-1\",\"kind\":\"ROOT_CAUSE\"}", "Invalid rootCause");
    reasonByBody.put(
        "{\"incidentId\":\"inc-1\",\"kind\":\"FALSE_POSITIVE\",\"rootCause\":\"cart\"}",
        "Invalid rootCause");
    reasonByBody.put("{\"incidentId\":7,\"kind\":\"FALSE_POSITIVE\"}", "Invalid incidentId");

    for (var e : reasonByBody.entrySet()) {
      HttpResponse<String> r = postJson(e.getKey(), TOKEN);
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      JsonNode error = Json.mapper().readTree(r.body());
      assertThat(error.get("status").asInt()).isEqualTo(400);
      assertThat(error.get("error").asText()).as(e.getKey()).startsWith(e.getValue());
    }
    assertThat(captured).isEmpty();
  }

  @Test
  void theApiIsPostOnlyNeedsTheTokenAndLimitsTheBody() throws Exception {
    HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/api/feedback")).GET());
    HttpResponse<String> noToken =
        postJson("{\"incidentId\":\"i\",\"kind\":\"FALSE_POSITIVE\"}", null);

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(postJson("{\"note\":\"" + "x".repeat(5000) + "\"}", TOKEN).statusCode())
        .isEqualTo(413);
    assertThat(captured).isEmpty();
  }

  @Test
  void theLinkShowsAnEscapedPageAndRecordsNothing() throws Exception {
    HttpResponse<String> r =
        get(
            signed(
                query(
                    "incident", "<script>alert('x')</script>&",
                    "action", "root-cause",
                    "entity", "\"><img src=x onerror=alert(1)>")));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.body())
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;")
        .contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"")
        .contains("<form method=\"post\" action=\"feedback\">")
        .contains("<input type=\"hidden\" name=\"action\" value=\"root-cause\">")
        .doesNotContain("<script>")
        .doesNotContain("<img");
    assertThat(captured).isEmpty();
  }

  @Test
  void badLinkParametersAre400Pages() throws Exception {
    List<String> bad =
        List.of(
            query("incident", "inc-1", "action", "delete"),
            query("incident", "inc-1"),
            query("action", "false-positive"),
            query("incident", "inc-1", "action", "root-cause"));

    for (String q : bad) {
      HttpResponse<String> r = get(q);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(r.body()).as(q).contains("<h1>Cannot record feedback</h1>").contains("Invalid");
    }
    assertThat(get(query("incident", "inc-1", "action", "<b>")).body())
        .contains("not &lt;b&gt;")
        .doesNotContain("<b>");
    HttpResponse<String> badEncoding =
        postForm("incident=inc-1&action=false-positive&note=%zz", null);
    assertThat(badEncoding.statusCode()).isEqualTo(400);
    assertThat(badEncoding.body()).contains("Invalid URL encoding");
    assertThat(captured).isEmpty();
  }

  @Test
  void submittingTheLinksFormRecordsWhatThePageShowed() throws Exception {
    String page =
        get(signed(query("incident", "inc-9", "action", "root-cause", "entity", "node-3"))).body();
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = INPUT.matcher(page);
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    assertThat(fields)
        .containsEntry("incident", "inc-9")
        .containsEntry("action", "root-cause")
        .containsEntry("entity", "node-3")
        .containsKeys("exp", "sig");
    fields.put("author", "bo");
    fields.put("note", "disk full & slow");

    HttpResponse<String> r = postForm(encode(fields), null);

    Feedback expected =
        Feedback.rootCause("inc-9", "node-3", "bo", "disk full & slow", NOW.toEpochMilli());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("Recorded: the root cause of incident inc-9 is node-3 (by bo).")
        .contains("<td>disk full &amp; slow</td>");
    assertThat(captured).containsExactly(expected);
  }

  @Test
  void aFalsePositiveFormIgnoresAnEntity() throws Exception {
    HttpResponse<String> r =
        postForm(
            signed(query("incident", "inc-3", "action", "false-positive", "entity", "cart")), null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(captured)
        .containsExactly(Feedback.falsePositive("inc-3", null, null, NOW.toEpochMilli()));
  }

  @Test
  void crossSitePostsAreRefused() throws Exception {
    String form = signed(query("incident", "inc-3", "action", "false-positive"));
    HttpResponse<String> page = postForm(form, "cross-site");
    HttpResponse<String> api =
        send(
            HttpRequest.newBuilder(uri("/api/feedback"))
                .header("Authorization", TOKEN)
                .header("Sec-Fetch-Site", "cross-site")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"incidentId\":\"i\",\"kind\":\"FALSE_POSITIVE\"}")));

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(api.statusCode()).isEqualTo(403);
    assertThat(postForm(form, "same-origin").statusCode()).isEqualTo(200);
    assertThat(captured).hasSize(1);
  }

  @Test
  void aFailedWriteIs503AndOtherMethodsOnThePageAre405() throws Exception {
    failWrites = true;

    HttpResponse<String> api =
        postJson("{\"incidentId\":\"i\",\"kind\":\"FALSE_POSITIVE\"}", TOKEN);
    HttpResponse<String> form =
        postForm(signed(query("incident", "i", "action", "false-positive")), null);
    HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/feedback")).DELETE());

    assertThat(api.statusCode()).isEqualTo(503);
    assertThat(Json.mapper().readTree(api.body()).get("error").asText()).contains("broker down");
    assertThat(form.statusCode()).isEqualTo(503);
    assertThat(form.body()).contains("Nothing was recorded").contains("broker down");
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(captured).isEmpty();
  }

  @Test
  void feedbackWithoutTheTokenOrAValidSignedLinkIsRefused() throws Exception {
    String plain = query("incident", "inc-5", "action", "false-positive");
    FeedbackLinks weekAgo =
        FeedbackLinks.fromToken(
            "s3cret",
            Duration.ofDays(7),
            Clock.fixed(NOW.minus(Duration.ofDays(8)), ZoneOffset.UTC));
    FeedbackLinks otherKey =
        FeedbackLinks.signed("not-the-key", Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));

    HttpResponse<String> unsigned = postForm(plain, null);
    HttpResponse<String> forged = postForm(plain + "&" + otherKey.proof("inc-5"), null);
    HttpResponse<String> otherIncident = postForm(plain + "&" + LINKS.proof("inc-6"), null);
    HttpResponse<String> expired = postForm(plain + "&" + weekAgo.proof("inc-5"), null);
    HttpResponse<String> forgedPage = get(plain + "&exp=9999999999&sig=AAAA");
    HttpResponse<String> bearer =
        send(
            HttpRequest.newBuilder(uri("/feedback"))
                .header("Authorization", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(plain)));

    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(unsigned.body()).contains("not signed");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(otherIncident.statusCode()).isEqualTo(403);
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(expired.body()).contains("expired");
    assertThat(forgedPage.statusCode()).isEqualTo(403);
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(captured)
        .containsExactly(Feedback.falsePositive("inc-5", null, null, NOW.toEpochMilli()));
  }

  /** {@code query} with the signature a chat link to its incident carries. */
  private static String signed(String query) {
    String incident = FeedbackRoutes.form(query).get("incident");
    return query + "&" + LINKS.proof(incident);
  }

  private HttpResponse<String> postJson(String body, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/api/feedback"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return send(b);
  }

  private HttpResponse<String> postForm(String body, String fetchSite) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/feedback"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (fetchSite != null) {
      b.header("Sec-Fetch-Site", fetchSite);
    }
    return send(b);
  }

  private HttpResponse<String> get(String query) throws Exception {
    return send(HttpRequest.newBuilder(uri("/feedback?" + query)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String query(String... nameValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      fields.put(nameValues[i], nameValues[i + 1]);
    }
    return encode(fields);
  }

  private static String encode(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }
}
