package dev.culprit.notify;

import dev.culprit.model.Json;
import java.util.Map;

/** Renders {@code {"key", "id", "version", "kind"}} as JSON. */
final class TestRenderer implements Renderer {
  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] render(Notification n) {
    try {
      return Json.mapper()
          .writeValueAsBytes(
              Map.of(
                  "key", n.idempotencyKey(),
                  "id", n.incident().id(),
                  "version", n.incident().version(),
                  "kind", n.kind().name()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
