package dev.culprit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Json;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
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
                ? Route.Check.ok()
                : Route.Check.rejected("not a JSON object");
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

  @Test
  void gzipAndDeflateBodiesAreDecodedBeforeTheyAreCheckedAndWritten() throws Exception {
    byte[] json = "{\"version\":\"4\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> gzip = post("/api/v1/alerts", "application/json", "gzip", gzip(json));
    HttpResponse<String> deflate =
        post("/api/v1/alerts", "application/json", "deflate", deflate(json));
    HttpResponse<String> identity = post("/api/v1/alerts", "application/json", "identity", json);
    assertThat(List.of(gzip.statusCode(), deflate.statusCode(), identity.statusCode()))
        .containsExactly(200, 200, 200);
    assertThat(written).extracting(Written::payload).containsOnly("{\"version\":\"4\"}");
    assertThat(written).hasSize(3);
  }

  @Test
  void aBodyThatDecodesPastTheLimitIs413() throws Exception {
    byte[] bomb = gzip(("{" + " ".repeat(10_000) + "}").getBytes(StandardCharsets.UTF_8));
    assertThat(bomb.length).isLessThan(64);
    HttpResponse<String> r = post("/api/v1/alerts", "application/json", "gzip", bomb);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("decodes to more than 64 bytes");
    assertThat(written).isEmpty();
  }

  @Test
  void aCorruptGzipBodyIs400AndAnUnknownEncodingIs415() throws Exception {
    byte[] truncated = Arrays.copyOf(gzip("{\"a\":1}".getBytes(StandardCharsets.UTF_8)), 12);
    HttpResponse<String> corrupt = post("/api/v1/alerts", "application/json", "gzip", truncated);
    HttpResponse<String> brotli =
        post("/api/v1/alerts", "application/json", "br", "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(corrupt.statusCode()).isEqualTo(400);
    assertThat(error(corrupt)).startsWith("body is not valid gzip");
    assertThat(brotli.statusCode()).isEqualTo(415);
    assertThat(error(brotli))
        .isEqualTo("unsupported Content-Encoding br; use gzip, deflate or identity");
    assertThat(written).isEmpty();
  }

  @Test
  void aWebhookOfAnotherContentTypeIs415AndOneWithoutATypeIsReadAsJson() throws Exception {
    HttpResponse<String> text =
        post("/api/v1/alerts", "text/plain", null, "{}".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> untyped =
        post("/api/v1/alerts", null, null, "{}".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> charset =
        post(
            "/api/v1/alerts",
            "application/json; charset=utf-8",
            null,
            "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(error(text))
        .isEqualTo("unsupported Content-Type text/plain for /api/v1/alerts; use application/json");
    assertThat(untyped.statusCode()).isEqualTo(200);
    assertThat(charset.statusCode()).isEqualTo(200);
    assertThat(written).hasSize(2);
  }

  @Test
  void anAnswerSentBeforeTheBodyArrivedClosesTheConnectionAndOneAfterItKeepsIt() throws Exception {
    String early = exchangeOnRawSocket("text/plain", false);
    String whole = exchangeOnRawSocket("application/json", true);
    assertThat(early).startsWith("HTTP/1.1 415").containsIgnoringCase("\r\nConnection: close\r\n");
    assertThat(whole).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Connection: close");
    assertThat(written).hasSize(1);
  }

  /**
   * Sends the headers of a two-byte alert webhook on a raw socket, and its body only when {@code
   * withBody}, and returns the answer's status line and headers.
   */
  private String exchangeOnRawSocket(String type, boolean withBody) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n"
              + "Content-Type: "
              + type
              + "\r\nContent-Length: 2\r\n\r\n"
              + (withBody ? "{}" : "");
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      StringBuilder answer = new StringBuilder();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        answer.append(line).append("\r\n");
      }
      return answer.toString();
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  private static String error(HttpResponse<String> r) throws IOException {
    return Json.mapper().readTree(r.body()).get("error").asText();
  }

  private HttpResponse<String> post(String path, String type, String encoding, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer s3cret")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
