package dev.culprit.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.Json;
import dev.culprit.notify.MessageContent.Action;
import dev.culprit.notify.MessageContent.Cause;
import dev.culprit.notify.MessageContent.Line;
import dev.culprit.notify.MessageContent.Link;
import java.util.Locale;

/**
 * A plain JSON body for generic webhooks, schema version 1:
 *
 * <pre>{@code
 * {"schema": 1, "id", "version", "kind": "opened|updated|resolved",
 *  "severity": "critical|warning|info", "title", "scope", "openedAt", "updatedAt",
 *  "status": "open|resolved", "change",
 *  "rootCauses": [{"rank", "entity", "kind", "service", "score", "explanation",
 *                  "evidence": [{"signal", "feature", "score", "direction", "heldBack"}],
 *                  "moreEvidence"}],
 *  "moreRootCauses",
 *  "links": [{"url", "traceId"}],
 *  "page": the incident's web page or null,
 *  "feedback": {"falsePositive": url, "rootCause": [{"entity", "url"}]} or null,
 *  "idempotencyKey"}
 * }</pre>
 *
 * Times are ISO-8601 UTC; {@code scope}, {@code service}, {@code heldBack}, {@code url} and {@code
 * traceId} may be null. Root causes are the top three with up to three evidence items each, so the
 * body stays small; texts longer than 2,000 characters are cut with an ellipsis.
 */
public final class WebhookRenderer implements Renderer {
  static final int SCHEMA = 1;
  static final int TEXT_MAX = 2000;

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] render(Notification n) {
    return MessageContent.json(body(n));
  }

  static ObjectNode body(Notification n) {
    MessageContent c = MessageContent.of(n);
    ObjectNode root = Json.mapper().createObjectNode().put("schema", SCHEMA);
    root.put("id", c.incidentId()).put("version", c.version());
    root.put("kind", lower(c.kind().name())).put("severity", lower(c.severity().name()));
    root.put("title", MessageContent.clip(c.title(), TEXT_MAX)).put("scope", c.scope());
    root.put("openedAt", c.started()).put("updatedAt", c.updated());
    root.put("status", lower(n.incident().status().name()));
    root.put("change", MessageContent.clip(n.incident().change(), TEXT_MAX));
    ArrayNode causes = root.putArray("rootCauses");
    for (Cause cause : c.causes()) {
      cause(causes.addObject(), cause);
    }
    root.put("moreRootCauses", c.moreCauses());
    ArrayNode links = root.putArray("links");
    for (Link l : c.links()) {
      links.addObject().put("url", l.url()).put("traceId", l.traceId());
    }
    root.put("page", c.pageUrl());
    if (c.feedbackActions().isEmpty()) {
      root.putNull("feedback");
    } else {
      ObjectNode feedback = root.putObject("feedback");
      feedback.put("falsePositive", c.feedbackActions().getFirst().url());
      ArrayNode confirm = feedback.putArray("rootCause");
      for (int i = 1; i < c.feedbackActions().size(); i++) {
        Action a = c.feedbackActions().get(i);
        confirm.addObject().put("entity", c.causes().get(i - 1).entity()).put("url", a.url());
      }
    }
    root.put("idempotencyKey", n.idempotencyKey());
    return root;
  }

  private static void cause(ObjectNode o, Cause cause) {
    o.put("rank", cause.rank()).put("entity", cause.entity()).put("kind", cause.kind());
    o.put("service", cause.service()).put("score", cause.score());
    o.put("explanation", MessageContent.clip(cause.explanation(), TEXT_MAX));
    ArrayNode evidence = o.putArray("evidence");
    for (Line l : cause.evidence()) {
      evidence
          .addObject()
          .put("signal", l.signal())
          .put("feature", MessageContent.clip(l.feature(), TEXT_MAX))
          .put("score", l.score())
          .put("direction", l.direction())
          .put("heldBack", l.heldBack());
    }
    o.put("moreEvidence", cause.moreEvidence());
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
