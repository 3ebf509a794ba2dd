package dev.culprit.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Posts the rendered notification to a webhook URL with an {@code Idempotency-Key} header. 2xx is
 * sent; connection errors, timeouts, 408, 429 and 5xx are retried; other statuses fail.
 */
final class HttpTransport implements Transport {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final HttpClient client;
  private final Secret url;
  private final Renderer renderer;
  private final Duration timeout;
  private final Sleeper clock;

  HttpTransport(HttpClient client, Secret url, Renderer renderer, Duration timeout, Sleeper clock) {
    this.client = client;
    this.url = url;
    this.renderer = renderer;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public Attempt send(Notification n) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url.value()))
            .timeout(timeout)
            .header("Content-Type", renderer.contentType())
            .header(IDEMPOTENCY_KEY, n.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofByteArray(renderer.render(n)))
            .build();
    try {
      HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
      return classify(r.statusCode(), r.headers().firstValue("Retry-After"), clock.now());
    } catch (HttpTimeoutException e) {
      return new Attempt.Retry("timeout after " + timeout.toMillis() + " ms", null);
    } catch (IOException e) {
      return new Attempt.Retry(
          url.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()), null);
    }
  }

  static Attempt classify(int status, Optional<String> retryAfter, Instant now) {
    if (status >= 200 && status < 300) {
      return new Attempt.Sent();
    }
    if (status == 429) {
      return new Attempt.Retry("HTTP 429", retryAfter.map(h -> retryAfter(h, now)).orElse(null));
    }
    if (status == 408 || status >= 500) {
      return new Attempt.Retry("HTTP " + status, null);
    }
    return new Attempt.Fail("HTTP " + status);
  }

  /** A {@code Retry-After} value (seconds or HTTP-date) as a wait from {@code now}, or null. */
  static Duration retryAfter(String header, Instant now) {
    String h = header.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
