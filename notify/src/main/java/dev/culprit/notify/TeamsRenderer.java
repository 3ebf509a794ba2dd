package dev.culprit.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.Json;
import dev.culprit.notify.MessageContent.Action;
import dev.culprit.notify.MessageContent.Cause;
import dev.culprit.notify.MessageContent.Line;
import dev.culprit.notify.MessageContent.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * A message for a Microsoft Teams workflow webhook. Text from data is {@linkplain #escape escaped}
 * so that it cannot form a Markdown link or an {@code <at>} mention: {@code
 * {"type":"message","attachments":[{
 * "contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":<card>}]}}
 * with an Adaptive Card 1.4 of {@code TextBlock}s and a {@code FactSet}, and {@code Action.OpenUrl}
 * actions for feedback.
 *
 * <p>The body stays under 28 KB: texts are cut with an ellipsis, and should the card still be too
 * large it is rendered again without evidence lines and with shorter texts.
 */
public final class TeamsRenderer implements Renderer {
  static final int MAX_BYTES = 28 * 1024;
  static final int MAX_ACTIONS = 6;
  static final int URL_MAX = 2000;

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] render(Notification n) {
    MessageContent c = MessageContent.of(n);
    byte[] full = MessageContent.json(body(c, 1));
    if (full.length <= MAX_BYTES) {
      return full;
    }
    return MessageContent.json(body(c, 4));
  }

  /** The message; {@code shrink} 1 renders everything, larger values divide the text budgets. */
  ObjectNode body(MessageContent c, int shrink) {
    ObjectNode root = Json.mapper().createObjectNode().put("type", "message");
    ObjectNode a = root.putArray("attachments").addObject();
    a.put("contentType", "application/vnd.microsoft.card.adaptive");
    a.putNull("contentUrl");
    ObjectNode card = a.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard").put("version", "1.4");
    ArrayNode body = card.putArray("body");
    text(
            body,
            MessageContent.escapeTitle(MessageContent.clip(c.title(), 300), TeamsRenderer::escape),
            true)
        .put("size", "Large")
        .put("color", color(c));
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    fact(facts, "Incident", escape(MessageContent.clip(c.incidentId(), 200)) + " v" + c.version());
    if (c.scope() != null) {
      fact(facts, "Scope", escape(MessageContent.clip(c.scope(), 200)));
    }
    fact(facts, "Severity", c.severity().name());
    fact(facts, "Started", c.started());
    fact(facts, "Updated", c.updated());
    if (!c.change().isEmpty()) {
      text(body, "Change: " + escape(MessageContent.clip(c.change(), 1000 / shrink)), false);
    }
    if (c.causes().isEmpty()) {
      text(body, "No root cause ranked yet.", false);
    }
    for (Cause cause : c.causes()) {
      cause(body, cause, shrink);
    }
    if (c.moreCauses() > 0) {
      text(body, MessageContent.more(c.moreCauses(), "root cause"), false).put("isSubtle", true);
    }
    if (!c.links().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Link l : c.links()) {
        parts.add(
            l.url() == null || l.url().length() > URL_MAX / shrink
                ? escape(MessageContent.clip(l.label(), 200))
                : "["
                    + escape(MessageContent.clip(l.label(), 100))
                    + "]("
                    + markdownUrl(l.url())
                    + ")");
      }
      text(body, "Links: " + String.join(" · ", parts), false);
    }
    ArrayNode actions = card.putArray("actions");
    for (Action action : c.actions()) {
      if (actions.size() < MAX_ACTIONS && action.url().length() <= URL_MAX / shrink) {
        actions
            .addObject()
            .put("type", "Action.OpenUrl")
            .put("title", MessageContent.clip(action.label(), 100))
            .put("url", action.url());
      }
    }
    return root;
  }

  private static void cause(ArrayNode body, Cause cause, int shrink) {
    StringBuilder head = new StringBuilder("**#").append(cause.rank()).append(' ');
    head.append(escape(MessageContent.clip(cause.entity(), 300 / shrink))).append("** (");
    head.append(escape(cause.kindText())).append(") · score ").append(cause.scoreText());
    text(body, head.toString(), false).put("separator", true);
    if (!cause.explanation().isEmpty()) {
      text(body, escape(MessageContent.clip(cause.explanation(), 1000 / shrink)), false);
    }
    if (shrink > 1) {
      return;
    }
    List<String> lines = new ArrayList<>();
    for (Line l : cause.evidence()) {
      lines.add("- " + escape(MessageContent.clip(l.text(), 300)));
    }
    if (cause.moreEvidence() > 0) {
      lines.add("- " + MessageContent.more(cause.moreEvidence(), "evidence"));
    }
    if (!lines.isEmpty()) {
      text(body, String.join("\n", lines), false).put("isSubtle", true);
    }
  }

  /**
   * {@code s} shown as written on a card: a zero-width space after every {@code [}, {@code ]} and
   * {@code <} keeps {@code [text](url)} from becoming a link and {@code <at>} from a mention.
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      b.append(ch);
      if (ch == '[' || ch == ']' || ch == '<') {
        b.append('\u200B');
      }
    }
    return b.toString();
  }

  /** {@code url} with parentheses encoded, so it cannot end a Markdown link early. */
  static String markdownUrl(String url) {
    return url.replace("(", "%28").replace(")", "%29");
  }

  private static ObjectNode text(ArrayNode body, String text, boolean bold) {
    ObjectNode t = body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    if (bold) {
      t.put("weight", "Bolder");
    }
    return t;
  }

  private static void fact(ArrayNode facts, String title, String value) {
    facts.addObject().put("title", title).put("value", value);
  }

  private static String color(MessageContent c) {
    return switch (c.severity()) {
      case CRITICAL -> "Attention";
      case WARNING -> "Warning";
      case INFO -> "Default";
    };
  }
}
