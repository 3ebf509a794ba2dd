package dev.culprit.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One ingest endpoint: the path it answers, the raw topic accepted payloads go to, the content
 * types it reads, the check a payload must pass, and how an accepted payload is answered.
 *
 * @param accepts the content types read; any other is answered 415
 * @param validator the check of a (decoded) payload
 * @param replier the answer to an accepted payload
 */
public record Route(
    String path, String topic, Accepts accepts, Validator validator, Replier replier) {

  /** The answer to an accepted webhook or Zipkin payload. */
  public static final Replier ACCEPTED =
      (skipped, mediaType) ->
          new Reply(
              "application/json", "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8));

  /** Checks a payload: what is wrong with it as a whole, or which items of it were left out. */
  @FunctionalInterface
  public interface Validator {
    Check check(byte[] payload, String contentType);
  }

  /** Answers an accepted payload, given the items left out of it and the request's media type. */
  @FunctionalInterface
  public interface Replier {
    Reply reply(List<String> skipped, String mediaType);
  }

  /**
   * What a validator found.
   *
   * @param problem why the payload is refused as a whole (answered 400), or null when accepted
   * @param skipped why each item left out of an accepted payload was left out (empty when none)
   */
  public record Check(String problem, List<String> skipped) {
    public Check {
      skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** Accepted whole. */
    public static Check ok() {
      return new Check(null, List.of());
    }

    /** Refused, for {@code problem}. */
    public static Check rejected(String problem) {
      return new Check(Objects.requireNonNull(problem, "problem"), List.of());
    }
  }

  /** An answer: its content type and body. */
  public record Reply(String contentType, byte[] body) {
    public Reply {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * The media types a route reads (lower case, without parameters).
   *
   * @param mediaTypes the types read
   * @param untypedAllowed whether a request without {@code Content-Type} is read too (the route's
   *     format then tells the encoding from the body)
   */
  public record Accepts(Set<String> mediaTypes, boolean untypedAllowed) {
    /** JSON, and requests without a type: what Alertmanager, Grafana and Zipkin senders send. */
    public static final Accepts JSON = new Accepts(Set.of("application/json"), true);

    /** OTLP/HTTP: JSON or protobuf, with a type. */
    public static final Accepts OTLP =
        new Accepts(Set.of("application/json", "application/x-protobuf"), false);

    public Accepts {
      mediaTypes = Set.copyOf(mediaTypes);
      if (mediaTypes.isEmpty()) {
        throw new IllegalArgumentException("Invalid mediaTypes: none");
      }
    }

    /** Why a request of {@code contentType} is not read (for a 415), or null when it is. */
    public String problem(String contentType, String path) {
      String type = mediaType(contentType);
      if (type == null ? untypedAllowed : mediaTypes.contains(type)) {
        return null;
      }
      String what =
          type == null ? "missing Content-Type" : "unsupported Content-Type " + contentType.trim();
      return what + " for " + path + "; use " + String.join(" or ", new TreeSet<>(mediaTypes));
    }
  }

  /** The route answering {@code {"status":"accepted"}}, reading JSON (or an untyped body). */
  public Route(String path, String topic, Validator validator) {
    this(path, topic, Accepts.JSON, validator, ACCEPTED);
  }

  public Route {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(accepts, "accepts");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(replier, "replier");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("Invalid path: " + path);
    }
  }

  /** The media type of a {@code Content-Type} value, lower case without parameters, or null. */
  public static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
