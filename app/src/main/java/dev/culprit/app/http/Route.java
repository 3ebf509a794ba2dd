package dev.culprit.app.http;

import java.util.Objects;

/**
 * One ingest endpoint: the path it answers, the raw topic accepted payloads go to, and the check a
 * payload must pass (returns null when the payload is acceptable, else the reason).
 */
public record Route(String path, String topic, Validator validator) {

  /** Checks a payload; returns null when it is acceptable, else a short reason. */
  @FunctionalInterface
  public interface Validator {
    String problem(byte[] payload, String contentType);
  }

  public Route {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(validator, "validator");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("Invalid path: " + path);
    }
  }
}
