package dev.culprit.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.Json;
import java.time.Instant;
import java.util.Locale;

/**
 * A CloudEvents 1.0 event in structured mode ({@code application/cloudevents+json}): {@code
 * {"specversion":"1.0","id": idempotency key,"source":"culprit/<scope>","type":
 * "dev.culprit.incident.opened|updated|resolved","time": updatedAt,"subject": incident id,
 * "datacontenttype":"application/json","data": <the WebhookRenderer body>}}. The scope is
 * URL-encoded in {@code source}; an incident without one has source {@code culprit/default}.
 */
public final class CloudEventsRenderer implements Renderer {
  static final String TYPE_PREFIX = "dev.culprit.incident.";

  @Override
  public String contentType() {
    return "application/cloudevents+json";
  }

  @Override
  public byte[] render(Notification n) {
    return MessageContent.json(event(n));
  }

  static ObjectNode event(Notification n) {
    String scope = n.incident().scope();
    ObjectNode e = Json.mapper().createObjectNode();
    e.put("specversion", "1.0");
    e.put("id", n.idempotencyKey());
    e.put(
        "source",
        "culprit/" + (scope == null || scope.isBlank() ? "default" : MessageContent.encode(scope)));
    e.put("type", TYPE_PREFIX + n.kind().name().toLowerCase(Locale.ROOT));
    e.put("time", Instant.ofEpochMilli(n.incident().updatedAt()).toString());
    e.put("subject", n.incident().id());
    e.put("datacontenttype", "application/json");
    e.set("data", WebhookRenderer.body(n));
    return e;
  }
}
