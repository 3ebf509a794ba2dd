package dev.culprit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.feedback.FeedbackSink;
import dev.culprit.model.Feedback;
import dev.culprit.model.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Feedback on incidents over HTTP, stamped with the server's clock and written through a {@link
 * FeedbackSink} to {@code culprit.feedback}:
 *
 * <ul>
 *   <li>{@code POST /api/feedback} with {@code {"incidentId", "kind", "rootCause", "author",
 *       "note"}}: 202 with the stored record, 400 with a JSON error for invalid input, 503 when the
 *       write fails; needs the bearer token when one is configured.
 *   <li>{@code GET /feedback?incident=ID&action=false-positive} or {@code
 *       ...&action=root-cause&entity=E}, the link a chat message carries: a page that shows what
 *       would be recorded and a form to record it. It records nothing.
 *   <li>{@code POST /feedback}, that form (URL-encoded): records and shows a confirmation page.
 * </ul>
 *
 * <p>A link cannot carry a bearer token, so a chat message's links carry a signature instead
 * ({@link FeedbackLinks}): when links are signed (a feedback secret or a bearer token is set), the
 * page shows only for a valid link and {@code POST /feedback} records only with the bearer token or
 * the link's valid, unexpired signature (401 without either, 403 for a forged or expired one). A
 * post that a browser marks {@code Sec-Fetch-Site: cross-site} is refused with 403. Bodies are at
 * most {@link #MAX_BODY_BYTES}.
 */
public final class FeedbackRoutes {
  static final String API = "/api/feedback";
  static final String PAGE = "/feedback";
  static final String FALSE_POSITIVE = "false-positive";
  static final String ROOT_CAUSE = "root-cause";

  /** The largest feedback body: a verdict, a name and a note. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final FeedbackSink sink;
  private final Clock clock;
  private final Duration writeTimeout;
  private final String bearerToken;
  private final FeedbackLinks links;

  /**
   * @param bearerToken the server's bearer token, or null
   * @param links how chat links are signed, and so checked
   */
  public FeedbackRoutes(
      FeedbackSink sink,
      Clock clock,
      Duration writeTimeout,
      String bearerToken,
      FeedbackLinks links) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.writeTimeout = Objects.requireNonNull(writeTimeout, "writeTimeout");
    this.bearerToken = bearerToken;
    this.links = Objects.requireNonNull(links, "links");
  }

  /** Routes of a server without a token, taking feedback from unsigned links. */
  public FeedbackRoutes(FeedbackSink sink, Clock clock, Duration writeTimeout) {
    this(sink, clock, writeTimeout, null, FeedbackLinks.unsigned());
  }

  /** The endpoints to serve. */
  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(API, Set.of("POST"), true, MAX_BODY_BYTES, this::api),
        new Endpoint(PAGE, Set.of("GET", "POST"), false, MAX_BODY_BYTES, this::page));
  }

  private void api(Exchange ex, byte[] body) throws IOException {
    if (crossSite(ex)) {
      IngestServer.error(ex, 403, "cross-site requests are refused");
      return;
    }
    Feedback feedback;
    try {
      feedback = fromJson(body, clock.millis());
    } catch (IllegalArgumentException e) {
      IngestServer.error(ex, 400, e.getMessage());
      return;
    }
    WriteOutcome failed = WriteOutcome.await(() -> sink.write(feedback), writeTimeout);
    if (failed != null) {
      IngestServer.error(ex, failed.status(), failed.message());
      return;
    }
    IngestServer.respond(ex, 202, Json.mapper().writeValueAsString(feedback));
  }

  private void page(Exchange ex, byte[] body) throws IOException {
    boolean post = ex.method().equals("POST");
    if (post && crossSite(ex)) {
      FeedbackPage.send(ex, 403, FeedbackPage.problem("Cross-site posts are refused."));
      return;
    }
    Feedback feedback;
    Map<String, String> fields;
    try {
      String raw = post ? new String(body, StandardCharsets.UTF_8) : ex.rawQuery();
      fields = form(raw);
      feedback = fromForm(fields, clock.millis());
    } catch (IllegalArgumentException e) {
      FeedbackPage.send(ex, 400, FeedbackPage.problem(e.getMessage()));
      return;
    }
    if (refused(ex, feedback.incidentId(), fields)) {
      return;
    }
    if (!post) {
      FeedbackPage.send(
          ex, 200, FeedbackPage.confirm(feedback, fields.get("exp"), fields.get("sig")));
      return;
    }
    WriteOutcome failed = WriteOutcome.await(() -> sink.write(feedback), writeTimeout);
    if (failed != null) {
      FeedbackPage.send(
          ex, failed.status(), FeedbackPage.problem("Nothing was recorded: " + failed.message()));
      return;
    }
    FeedbackPage.send(ex, 200, FeedbackPage.recorded(feedback));
  }

  /**
   * Answers and returns true when the request may not give feedback on {@code incident}: neither
   * the bearer token nor a valid signed link, where one of them is asked for.
   */
  private boolean refused(Exchange ex, String incident, Map<String, String> fields)
      throws IOException {
    if (bearerToken != null && IngestServer.hasBearer(ex, bearerToken)) {
      return false;
    }
    FeedbackLinks.Check check =
        links.signs() || bearerToken == null
            ? links.check(incident, fields.get("exp"), fields.get("sig"))
            : FeedbackLinks.Check.MISSING;
    String problem =
        switch (check) {
          case VALID -> null;
          case MISSING -> "This feedback link is not signed; use the link in the chat message.";
          case FORGED -> "This feedback link is not valid for this incident.";
          case EXPIRED -> "This feedback link has expired; use the link of a newer message.";
        };
    if (problem == null) {
      return false;
    }
    FeedbackPage.send(
        ex, check == FeedbackLinks.Check.MISSING ? 401 : 403, FeedbackPage.problem(problem));
    return true;
  }

  /** The feedback a JSON body describes, at {@code now}. */
  static Feedback fromJson(byte[] body, long now) {
    JsonNode n;
    try {
      n = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    String kind = text(n, "kind");
    return new Feedback(
        text(n, "incidentId"),
        kind == null ? null : kind(kind),
        text(n, "rootCause"),
        text(n, "author"),
        text(n, "note"),
        now);
  }

  /**
   * The feedback a link or form describes ({@code incident}, {@code action}, {@code entity}, {@code
   * author}, {@code note}), at {@code now}. A false positive ignores {@code entity}.
   */
  static Feedback fromForm(Map<String, String> fields, long now) {
    String action = fields.get("action");
    Feedback.Kind kind;
    if (FALSE_POSITIVE.equals(action)) {
      kind = Feedback.Kind.FALSE_POSITIVE;
    } else if (ROOT_CAUSE.equals(action)) {
      kind = Feedback.Kind.ROOT_CAUSE;
    } else {
      throw new IllegalArgumentException(
          "Invalid action: expected false-positive or root-cause, not " + action);
    }
    String entity = kind == Feedback.Kind.ROOT_CAUSE ? fields.get("entity") : null;
    return new Feedback(
        fields.get("incident"), kind, entity, fields.get("author"), fields.get("note"), now);
  }

  /** The fields of a query string or URL-encoded form (first value of each name). */
  public static Map<String, String> form(String raw) {
    Map<String, String> fields = new HashMap<>();
    if (raw == null) {
      return fields;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      fields.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return fields;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid URL encoding: " + e.getMessage());
    }
  }

  private static Feedback.Kind kind(String s) {
    try {
      return Feedback.Kind.valueOf(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid kind: expected FALSE_POSITIVE or ROOT_CAUSE, not " + s);
    }
  }

  private static String text(JsonNode object, String field) {
    JsonNode v = object.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("Invalid " + field + ": must be a string");
    }
    return v.asText();
  }

  private static boolean crossSite(Exchange ex) {
    return "cross-site".equalsIgnoreCase(ex.header("Sec-Fetch-Site"));
  }
}
