package dev.culprit.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where accepted payloads go: a raw topic, written before the HTTP request is answered. */
@FunctionalInterface
public interface RawSink {

  /**
   * Writes {@code payload} to {@code topic} with {@code headers}; the future completes when the
   * write is acknowledged and fails when it is not.
   */
  CompletableFuture<Void> write(String topic, byte[] payload, Map<String, String> headers);
}
