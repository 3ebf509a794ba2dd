package dev.culprit.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Slack in bot-token mode: the first message about an incident goes through {@code
 * chat.postMessage}, whose channel and {@code ts} the answer carries ({@link
 * Attempt.Sent#posted()}) so that later messages, given that first message, edit it with {@code
 * chat.update} (or, in thread mode, reply in its thread). Slack's {@code {"ok":false}} answers
 * count as failures, {@code ratelimited} and transient server errors as retryable. The body is the
 * renderer's JSON object (blocks, text) with channel and ts added.
 */
final class SlackBotTransport implements Transport {
  static final String SLACK_API = "https://slack.com/api";
  private static final Set<String> TRANSIENT =
      Set.of(
          "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

  private final HttpClient client;
  private final String baseUrl;
  private final Secret token;
  private final String channel;
  private final boolean thread;
  private final Renderer renderer;
  private final Duration timeout;
  private final Sleeper clock;

  SlackBotTransport(
      HttpClient client,
      String baseUrl,
      Secret token,
      String channel,
      boolean thread,
      Renderer renderer,
      Duration timeout,
      Sleeper clock) {
    this.client = client;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
    this.channel = channel;
    this.thread = thread;
    this.renderer = renderer;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public Attempt send(Notification n) throws InterruptedException {
    return send(n, null);
  }

  @Override
  public Attempt send(Notification n, ChatMessage first) throws InterruptedException {
    ObjectNode body;
    try {
      JsonNode rendered = Json.mapper().readTree(renderer.render(n));
      body = rendered instanceof ObjectNode o ? o : Json.mapper().createObjectNode();
      if (!(rendered instanceof ObjectNode)) {
        body.put("text", rendered.isTextual() ? rendered.asText() : rendered.toString());
      }
    } catch (IOException e) {
      return new Attempt.Fail("renderer did not produce JSON");
    }
    String method;
    if (first == null) {
      method = "chat.postMessage";
      body.put("channel", channel);
    } else if (thread) {
      method = "chat.postMessage";
      body.put("channel", first.channel()).put("thread_ts", first.ts());
    } else {
      method = "chat.update";
      body.put("channel", first.channel()).put("ts", first.ts());
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/" + method))
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Authorization", "Bearer " + token.value())
            .header(HttpTransport.IDEMPOTENCY_KEY, n.idempotencyKey())
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    body.toString().getBytes(StandardCharsets.UTF_8)))
            .build();
    try {
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Optional<String> retryAfter = r.headers().firstValue("Retry-After");
      Attempt http = HttpTransport.classify(r.statusCode(), retryAfter, clock.now());
      if (!(http instanceof Attempt.Sent)) {
        return http;
      }
      return answer(method, first, Json.mapper().readTree(r.body()), retryAfter);
    } catch (HttpTimeoutException e) {
      return new Attempt.Retry(method + " timeout after " + timeout.toMillis() + " ms", null);
    } catch (IOException e) {
      return new Attempt.Retry(method + ": " + token.scrub(e.getClass().getSimpleName()), null);
    }
  }

  private Attempt answer(
      String method, ChatMessage first, JsonNode answer, Optional<String> retryAfter) {
    if (answer.path("ok").asBoolean(false)) {
      String ts = answer.path("ts").asText("");
      if (first == null && !ts.isEmpty()) {
        return new Attempt.Sent(new ChatMessage(answer.path("channel").asText(channel), ts));
      }
      return new Attempt.Sent();
    }
    String error = token.scrub(answer.path("error").asText("unknown error"));
    String reason = "slack " + method + ": " + error;
    if (error.equals("ratelimited")) {
      return new Attempt.Retry(
          reason, retryAfter.map(h -> HttpTransport.retryAfter(h, clock.now())).orElse(null));
    }
    return TRANSIENT.contains(error) ? new Attempt.Retry(reason, null) : new Attempt.Fail(reason);
  }
}
