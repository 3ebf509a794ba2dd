package dev.culprit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Validators that parse a rendered body and check the receiving platform's documented rules. */
final class PlatformRules {
  private static final Set<String> SLACK_BLOCKS = Set.of("header", "section", "context", "actions");
  private static final Set<String> CARD_ELEMENTS = Set.of("TextBlock", "FactSet");
  private static final Pattern SLACK_LINK = Pattern.compile("<https?://[^|<>]+\\|[^<>]*>");
  private static final Pattern BAD_AMP = Pattern.compile("&(?!amp;|lt;|gt;)");

  private PlatformRules() {}

  static JsonNode parse(byte[] body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Block Kit limits for an incoming webhook; returns the parsed body. */
  static JsonNode slack(byte[] body) {
    JsonNode root = parse(body);
    assertThat(root.path("text").isTextual()).as("fallback text").isTrue();
    mrkdwn(root.path("text").asText());
    JsonNode blocks = root.path("blocks");
    assertThat(blocks.isArray()).isTrue();
    assertThat(blocks.size()).isBetween(1, 50);
    Set<String> actionIds = new HashSet<>();
    for (JsonNode b : blocks) {
      String type = b.path("type").asText();
      assertThat(type).isIn(SLACK_BLOCKS);
      switch (type) {
        case "header" -> {
          assertThat(b.path("text").path("type").asText()).isEqualTo("plain_text");
          assertThat(b.path("text").path("text").asText())
              .isNotEmpty()
              .hasSizeLessThanOrEqualTo(150);
        }
        case "section" -> {
          assertThat(b.path("text").path("type").asText()).isEqualTo("mrkdwn");
          mrkdwn(b.path("text").path("text").asText());
        }
        case "context" -> {
          assertThat(b.path("elements").size()).isBetween(1, 10);
          for (JsonNode e : b.path("elements")) {
            assertThat(e.path("type").asText()).isEqualTo("mrkdwn");
            mrkdwn(e.path("text").asText());
          }
        }
        case "actions" -> {
          assertThat(b.path("elements").size()).isBetween(1, 25);
          for (JsonNode e : b.path("elements")) {
            assertThat(e.path("type").asText()).isEqualTo("button");
            assertThat(e.path("text").path("type").asText()).isEqualTo("plain_text");
            assertThat(e.path("text").path("text").asText())
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(75);
            assertThat(e.path("url").asText()).startsWith("http").hasSizeLessThanOrEqualTo(3000);
            assertThat(actionIds.add(e.path("action_id").asText())).as("unique action_id").isTrue();
          }
        }
        default -> throw new AssertionError("unexpected block " + type);
      }
    }
    return root;
  }

  private static void mrkdwn(String text) {
    assertThat(text).isNotEmpty().hasSizeLessThanOrEqualTo(3000);
    String outsideLinks = SLACK_LINK.matcher(text).replaceAll("");
    assertThat(outsideLinks).as("unescaped < or > in mrkdwn").doesNotContain("<", ">");
    assertThat(BAD_AMP.matcher(text).find()).as("unescaped & in mrkdwn: " + text).isFalse();
  }

  /** An Adaptive Card 1.4 in a Teams workflow message, under 28 KB; returns the card. */
  static JsonNode teams(byte[] body) {
    assertThat(body.length).isLessThan(28 * 1024);
    JsonNode root = parse(body);
    assertThat(root.path("type").asText()).isEqualTo("message");
    assertThat(root.path("attachments").size()).isEqualTo(1);
    JsonNode a = root.path("attachments").get(0);
    assertThat(a.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(a.has("contentUrl") && a.get("contentUrl").isNull()).isTrue();
    JsonNode card = a.path("content");
    assertThat(card.path("$schema").asText())
        .isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
    assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.path("version").asText()).isEqualTo("1.4");
    assertThat(card.path("body").isArray()).isTrue();
    assertThat(card.path("body").size()).isPositive();
    for (JsonNode e : card.path("body")) {
      assertThat(e.path("type").asText()).isIn(CARD_ELEMENTS);
      if (e.path("type").asText().equals("TextBlock")) {
        assertThat(e.path("text").isTextual()).isTrue();
      } else {
        assertThat(e.path("facts").isArray()).isTrue();
        for (JsonNode f : e.path("facts")) {
          assertThat(f.path("title").isTextual() && f.path("value").isTextual()).isTrue();
        }
      }
    }
    for (JsonNode action : card.path("actions")) {
      assertThat(action.path("type").asText()).isEqualTo("Action.OpenUrl");
      assertThat(action.path("title").asText()).isNotBlank();
      assertThat(action.path("url").asText()).startsWith("http");
    }
    return card;
  }

  /** One Slack-compatible Mattermost attachment; returns it. */
  static JsonNode mattermost(byte[] body) {
    JsonNode root = parse(body);
    assertThat(root.path("text").asText()).isNotBlank();
    assertThat(root.path("attachments").size()).isEqualTo(1);
    JsonNode a = root.path("attachments").get(0);
    assertThat(a.path("fallback").asText()).isNotBlank();
    assertThat(a.path("color").asText()).matches("#[0-9A-Fa-f]{6}");
    assertThat(a.path("title").asText()).isNotBlank();
    assertThat(a.path("text").isTextual()).isTrue();
    assertThat(a.path("text").asText()).hasSizeLessThanOrEqualTo(16_383);
    assertThat(a.path("fields").isArray()).isTrue();
    for (JsonNode f : a.path("fields")) {
      assertThat(f.path("title").isTextual()).isTrue();
      assertThat(f.path("value").isTextual()).isTrue();
      assertThat(f.path("short").isBoolean()).isTrue();
    }
    return a;
  }

  /** CloudEvents 1.0 structured mode with every required attribute; returns the event. */
  static JsonNode cloudEvent(byte[] body, Notification.Kind kind) {
    JsonNode e = parse(body);
    assertThat(e.path("specversion").asText()).isEqualTo("1.0");
    assertThat(e.path("id").asText()).isNotBlank();
    assertThat(e.path("source").asText()).startsWith("culprit/").doesNotContain(" ");
    assertThat(e.path("type").asText())
        .isEqualTo("dev.culprit.incident." + kind.name().toLowerCase(java.util.Locale.ROOT));
    assertThat(Instant.parse(e.path("time").asText())).isNotNull();
    assertThat(e.path("subject").asText()).isNotBlank();
    assertThat(e.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(e.path("data").isObject()).isTrue();
    return e;
  }
}
