package dev.culprit.http;

import java.io.IOException;
import java.util.Objects;
import java.util.Set;

/**
 * An endpoint that answers requests itself, unlike a {@link Route} whose payloads go to a raw
 * topic. The server answers 405 for a method not in {@code methods}, 401 when {@code tokenRequired}
 * and the bearer token is missing or wrong, and 413 for a body past {@code maxBodyBytes} (or the
 * server's limit, when lower), as sent or as decoded; every other request goes to {@code handler}
 * with its body read and decoded.
 */
public record Endpoint(
    String path, Set<String> methods, boolean tokenRequired, int maxBodyBytes, Handler handler) {

  /** Answers one request, with {@link Exchange#send}. */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange, byte[] body) throws IOException;
  }

  public Endpoint {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
    methods = Set.copyOf(methods);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("Invalid path: " + path);
    }
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("Invalid methods: none for " + path);
    }
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("Invalid maxBodyBytes: " + maxBodyBytes);
    }
  }
}
