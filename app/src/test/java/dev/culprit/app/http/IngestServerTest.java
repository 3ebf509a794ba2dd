package dev.culprit.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestServerTest {
  private record Written(String topic, String payload, Map<String, String> headers) {}

  private final List<Written> written = new CopyOnWriteArrayList<>();
  private volatile boolean failWrites;
  private IngestServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    RawSink sink =
        (topic, payload, headers) -> {
          if (failWrites) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
          }
          written.add(new Written(topic, new String(payload, StandardCharsets.UTF_8), headers));
          return CompletableFuture.completedFuture(null);
        };
    Route.Validator jsonObject =
        (payload, type) ->
            new String(payload, StandardCharsets.UTF_8).startsWith("{")
                ? null
                : "not a JSON object";
    server =
        IngestServer.start(
            new IngestServer.Config(0, "s3cret", 64, Duration.ofSeconds(5)),
            List.of(new Route("/api/v1/alerts", "alertmanager.raw", jsonObject)),
            sink);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void acceptedPayloadIsWrittenToItsRawTopicBeforeTheAnswer() throws Exception {
    HttpResponse<String> r = post("/api/v1/alerts", "{\"version\":\"4\"}", "Bearer s3cret");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(written).hasSize(1);
    assertThat(written.get(0).topic()).isEqualTo("alertmanager.raw");
    assertThat(written.get(0).payload()).isEqualTo("{\"version\":\"4\"}");
    assertThat(written.get(0).headers()).containsEntry("content-type", "application/json");
  }

  @Test
  void malformedIs400WithAJsonReason() throws Exception {
    HttpResponse<String> r = post("/api/v1/alerts", "[1,2", "Bearer s3cret");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = Json.mapper().readTree(r.body());
    assertThat(body.get("error").asText()).isEqualTo("not a JSON object");
    assertThat(written).isEmpty();
  }

  @Test
  void missingOrWrongTokenIs401() throws Exception {
    assertThat(post("/api/v1/alerts", "{}", null).statusCode()).isEqualTo(401);
    assertThat(post("/api/v1/alerts", "{}", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(written).isEmpty();
  }

  @Test
  void bodyPastTheLimitIs413() throws Exception {
    HttpResponse<String> r = post("/api/v1/alerts", "{" + "x".repeat(100) + "}", "Bearer s3cret");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(written).isEmpty();
  }

  @Test
  void failedWriteIs503AndHealthNeedsNoToken() throws Exception {
    failWrites = true;
    assertThat(post("/api/v1/alerts", "{}", "Bearer s3cret").statusCode()).isEqualTo(503);
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(uri("/health")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(post("/nope", "{}", "Bearer s3cret").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> post(String path, String body, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
