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
 * A Slack incoming-webhook body: {@code {"text": fallback, "blocks": [...]}} in Block Kit. A {@code
 * header} with the title, a {@code section} with scope and change, one {@code section} per top root
 * cause, a {@code context} with the start time and links, and an {@code actions} block with URL
 * buttons for feedback.
 *
 * <p>Stays within Slack's limits whatever the incident: at most 50 blocks, header text at most 150
 * characters, section text at most 3,000, button text at most 75 and button URLs at most 3,000 (a
 * longer one is left out), at most 25 elements per actions block and 10 per context block. Text is
 * cut with an ellipsis. {@code &}, {@code <} and {@code >} are escaped in mrkdwn.
 */
public final class SlackRenderer implements Renderer {
  static final int MAX_BLOCKS = 50;
  static final int HEADER_MAX = 150;
  static final int SECTION_MAX = 3000;
  static final int BUTTON_TEXT_MAX = 75;
  static final int BUTTON_URL_MAX = 3000;
  static final int ACTION_ELEMENTS_MAX = 25;
  static final int CONTEXT_ELEMENTS_MAX = 10;
  static final int FALLBACK_MAX = 3000;
  static final int LINK_URL_MAX = 400;

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
    root.put("text", clipMrkdwn(escape(fallback(c)), FALLBACK_MAX));
    List<ObjectNode> blocks = new ArrayList<>();
    blocks.add(header(c.title()));
    blocks.add(section(summary(c)));
    for (Cause cause : c.causes()) {
      blocks.add(section(cause(cause)));
    }
    if (c.moreCauses() > 0) {
      blocks.add(context(List.of(MessageContent.more(c.moreCauses(), "root cause"))));
    }
    blocks.add(context(contextLines(c)));
    ObjectNode actions = actions(c.actions());
    if (actions != null) {
      blocks.add(actions);
    }
    ArrayNode array = root.putArray("blocks");
    blocks.stream().limit(MAX_BLOCKS).forEach(array::add);
    return root;
  }

  static String fallback(MessageContent c) {
    StringBuilder s = new StringBuilder(c.title());
    if (!c.causes().isEmpty()) {
      Cause top = c.causes().getFirst();
      s.append(" — top cause: ").append(top.entity()).append(" (").append(top.scoreText());
      s.append(")");
    }
    return s.toString();
  }

  private static ObjectNode header(String title) {
    ObjectNode b = Json.mapper().createObjectNode().put("type", "header");
    b.putObject("text")
        .put("type", "plain_text")
        .put("text", MessageContent.clip(title, HEADER_MAX))
        .put("emoji", true);
    return b;
  }

  private static ObjectNode section(String mrkdwn) {
    ObjectNode b = Json.mapper().createObjectNode().put("type", "section");
    b.putObject("text").put("type", "mrkdwn").put("text", clipMrkdwn(mrkdwn, SECTION_MAX));
    return b;
  }

  private static ObjectNode context(List<String> mrkdwn) {
    ObjectNode b = Json.mapper().createObjectNode().put("type", "context");
    ArrayNode elements = b.putArray("elements");
    mrkdwn.stream()
        .limit(CONTEXT_ELEMENTS_MAX)
        .forEach(
            t ->
                elements.addObject().put("type", "mrkdwn").put("text", clipMrkdwn(t, SECTION_MAX)));
    return b;
  }

  private static String summary(MessageContent c) {
    StringBuilder s = new StringBuilder();
    s.append("*Incident* `").append(escape(MessageContent.clip(c.incidentId(), 200)));
    s.append("` v").append(c.version());
    if (c.scope() != null) {
      s.append(" · *Scope* ").append(escape(MessageContent.clip(c.scope(), 200)));
    }
    s.append(" · *Severity* ").append(c.severity());
    if (!c.change().isEmpty()) {
      s.append("\n*Change:* ").append(escape(MessageContent.clip(c.change(), 1000)));
    }
    if (c.causes().isEmpty()) {
      s.append("\nNo root cause ranked yet.");
    }
    return s.toString();
  }

  static String cause(Cause cause) {
    StringBuilder s = new StringBuilder();
    s.append("*#").append(cause.rank()).append(' ');
    s.append(escape(MessageContent.clip(cause.entity(), 300))).append("* (");
    s.append(escape(cause.kindText())).append(") · score ").append(cause.scoreText());
    if (!cause.explanation().isEmpty()) {
      s.append('\n').append(escape(MessageContent.clip(cause.explanation(), 600)));
    }
    for (Line l : cause.evidence()) {
      s.append("\n• ").append(escape(l.text()));
    }
    if (cause.moreEvidence() > 0) {
      s.append("\n_").append(MessageContent.more(cause.moreEvidence(), "evidence")).append('_');
    }
    return s.toString();
  }

  private static List<String> contextLines(MessageContent c) {
    List<String> lines = new ArrayList<>();
    lines.add("Started " + c.started() + " · updated " + c.updated());
    if (!c.links().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Link l : c.links()) {
        parts.add(
            l.url() == null || l.url().length() > LINK_URL_MAX
                ? "`" + escape(MessageContent.clip(l.label(), 80)) + "`"
                : "<" + escape(l.url()) + "|" + escape(MessageContent.clip(l.label(), 80)) + ">");
      }
      lines.add("Links: " + String.join(" · ", parts));
    }
    return lines;
  }

  private static ObjectNode actions(List<Action> actions) {
    ObjectNode b = Json.mapper().createObjectNode().put("type", "actions");
    ArrayNode elements = b.putArray("elements");
    for (Action a : actions) {
      if (elements.size() >= ACTION_ELEMENTS_MAX || a.url().length() > BUTTON_URL_MAX) {
        continue;
      }
      ObjectNode button = elements.addObject().put("type", "button");
      button
          .putObject("text")
          .put("type", "plain_text")
          .put("text", MessageContent.clip(a.label(), BUTTON_TEXT_MAX));
      button.put("url", a.url()).put("action_id", "culprit-feedback-" + elements.size());
    }
    return elements.isEmpty() ? null : b;
  }

  /**
   * Escaped mrkdwn cut to {@code max} characters without breaking an entity such as {@code &amp;}
   * or a {@code <url|label>} link, ending with an ellipsis when cut.
   */
  static String clipMrkdwn(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    String cut = MessageContent.clip(s, max);
    cut = cut.substring(0, cut.length() - 1);
    int amp = cut.lastIndexOf('&');
    if (amp >= 0 && cut.indexOf(';', amp) < 0) {
      cut = cut.substring(0, amp);
    }
    int open = cut.lastIndexOf('<');
    if (open >= 0 && cut.indexOf('>', open) < 0) {
      cut = cut.substring(0, open);
    }
    return cut + "…";
  }

  /** Escapes the three characters Slack's mrkdwn gives meaning to. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
