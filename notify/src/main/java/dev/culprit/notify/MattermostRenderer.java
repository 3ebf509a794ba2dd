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
 * A Mattermost incoming-webhook body with one Slack-compatible attachment: {@code {"text",
 * "attachments":[{"fallback","color","title","text","fields":[{"title","value","short"}]}]}}. The
 * colour follows the severity; the root causes are the attachment text in Markdown; feedback is a
 * line of Markdown links. The attachment text stays under 8,000 characters and each field value
 * under 1,000, cut with an ellipsis, well within a post's 16,383.
 *
 * <p>Everything that comes from data is {@linkplain #escape escaped}: a zero-width space after
 * every {@code @}, {@code <}, {@code [} and {@code ]} keeps it from notifying a channel ({@code
 * @channel}, Slack-style {@code <!channel>}) or dressing up a link ({@code [text](url)}, {@code
 * <url|text>}), in the Markdown text and the plain-text title and fallback alike.
 */
public final class MattermostRenderer implements Renderer {
  static final int TEXT_MAX = 8000;
  static final int FIELD_MAX = 1000;
  static final int TITLE_MAX = 250;

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] render(Notification n) {
    return MessageContent.json(body(MessageContent.of(n)));
  }

  ObjectNode body(MessageContent c) {
    ObjectNode root = Json.mapper().createObjectNode();
    String title =
        MessageContent.escapeTitle(
            MessageContent.clip(c.title(), TITLE_MAX), MattermostRenderer::escape);
    root.put("text", title);
    ObjectNode a = root.putArray("attachments").addObject();
    a.put(
        "fallback",
        MessageContent.escapeTitle(
            MessageContent.clip(SlackRenderer.fallback(c), TITLE_MAX * 2),
            MattermostRenderer::escape));
    a.put("color", color(c.severity()));
    a.put("title", title);
    a.put("text", MessageContent.clip(text(c), TEXT_MAX));
    ArrayNode fields = a.putArray("fields");
    field(fields, "Incident", escape(c.incidentId()) + " v" + c.version(), true);
    field(fields, "Scope", c.scope() == null ? "—" : escape(c.scope()), true);
    field(fields, "Severity", c.severity().name(), true);
    field(fields, "Started", c.started(), true);
    if (!c.links().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Link l : c.links()) {
        parts.add(l.url() == null ? "`" + escape(l.label()) + "`" : escape(l.url()));
      }
      field(fields, "Links", String.join("\n", parts), false);
    }
    return root;
  }

  static String color(MessageContent.Severity s) {
    return switch (s) {
      case CRITICAL -> "#D0021B";
      case WARNING -> "#F5A623";
      case INFO -> "#4A90E2";
    };
  }

  private static void field(ArrayNode fields, String title, String value, boolean isShort) {
    fields
        .addObject()
        .put("title", title)
        .put("value", MessageContent.clip(value, FIELD_MAX))
        .put("short", isShort);
  }

  private static String text(MessageContent c) {
    StringBuilder s = new StringBuilder();
    if (!c.change().isEmpty()) {
      s.append("**Change:** ").append(escape(MessageContent.clip(c.change(), 1000))).append("\n\n");
    }
    if (c.causes().isEmpty()) {
      s.append("No root cause ranked yet.\n");
    }
    for (Cause cause : c.causes()) {
      s.append(MessageContent.clip(cause(cause), 2000)).append("\n");
    }
    if (c.moreCauses() > 0) {
      s.append("_").append(MessageContent.more(c.moreCauses(), "root cause")).append("_\n");
    }
    List<String> links = new ArrayList<>();
    for (Action a : c.actions()) {
      links.add("[" + label(a.label()) + "](" + a.url() + ")");
    }
    if (!links.isEmpty()) {
      s.append("\n").append(String.join(" · ", links));
    }
    return s.toString().strip();
  }

  private static String cause(Cause cause) {
    StringBuilder s = new StringBuilder();
    s.append("**#").append(cause.rank()).append(' ');
    s.append(escape(MessageContent.clip(cause.entity(), 300))).append("** (");
    s.append(escape(cause.kindText()));
    s.append(") · score ").append(cause.scoreText()).append('\n');
    if (!cause.explanation().isEmpty()) {
      s.append(escape(MessageContent.clip(cause.explanation(), 800))).append('\n');
    }
    for (Line l : cause.evidence()) {
      s.append("- ").append(escape(l.text())).append('\n');
    }
    if (cause.moreEvidence() > 0) {
      s.append("- _").append(MessageContent.more(cause.moreEvidence(), "evidence")).append("_\n");
    }
    return s.toString();
  }

  private static String label(String s) {
    return escape(MessageContent.clip(s, 120));
  }

  /** {@code s} shown as written in Mattermost: no link or mention comes of it. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      b.append(ch);
      if (ch == '@' || ch == '<' || ch == '[' || ch == ']') {
        b.append('\u200B');
      }
    }
    return b.toString();
  }
}
