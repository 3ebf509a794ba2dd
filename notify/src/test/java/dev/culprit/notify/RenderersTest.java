package dev.culprit.notify;

import static dev.culprit.notify.RenderFixtures.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Incident;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {
  private final Notification opened =
      new Notification(RenderFixtures.realistic(), Notification.Kind.OPENED, BASE);

  @Test
  void slackHasHeaderCausesContextAndFeedbackButtons() {
    JsonNode root = PlatformRules.slack(new SlackRenderer().render(opened));

    JsonNode blocks = root.path("blocks");
    assertThat(blocks.get(0).path("text").path("text").asText())
        .isEqualTo("[CRITICAL] Incident opened: ts-route-service, ts-price-service (+3 more)");
    assertThat(types(blocks))
        .containsExactly(
            "header", "section", "section", "section", "section", "context", "context", "actions");
    String top = blocks.get(2).path("text").path("text").asText();
    assertThat(top)
        .startsWith("*#1 ts-route-service* (service) · score 0.87")
        .contains("• log Connection refused to &lt;*&gt;:3306 9.50 new")
        .contains("_… 1 more evidence_");
    assertThat(blocks.get(5).path("elements").get(0).path("text").asText())
        .isEqualTo("… 1 more root cause");
    String links = blocks.get(6).path("elements").get(1).path("text").asText();
    assertThat(links)
        .contains(
            "<https://runbooks.example.com/latency?svc=ts-route-service&amp;env=prod|"
                + "runbooks.example.com/latency>");
    JsonNode buttons = blocks.get(7).path("elements");
    assertThat(buttons).hasSize(5);
    assertThat(buttons.get(0).path("text").path("text").asText()).isEqualTo("Open incident");
    assertThat(buttons.get(0).path("url").asText()).isEqualTo(BASE + "/incident?id=inc-7f3a");
    assertThat(buttons.get(1).path("text").path("text").asText()).isEqualTo("False positive");
    assertThat(buttons.get(2).path("url").asText())
        .isEqualTo(BASE + "/feedback?incident=inc-7f3a&action=root-cause&entity=ts-route-service");
    assertThat(root.path("text").asText()).contains("top cause: ts-route-service (0.87)");
  }

  @Test
  void slackLeavesOutTheActionsBlockWithoutFeedback() {
    Notification n = new Notification(RenderFixtures.realistic(), Notification.Kind.OPENED, null);

    JsonNode root = PlatformRules.slack(new SlackRenderer().render(n));

    assertThat(types(root.path("blocks"))).doesNotContain("actions");
  }

  @Test
  void slackShowsTheChangeOfAnUpdate() {
    Notification n = new Notification(RenderFixtures.realistic(), Notification.Kind.UPDATED, BASE);

    JsonNode root = PlatformRules.slack(new SlackRenderer().render(n));

    assertThat(root.path("blocks").get(1).path("text").path("text").asText())
        .contains("*Change:* new root cause ts-price-service ranked #2");
  }

  @Test
  void mattermostColoursBySeverityAndLinksFeedbackInMarkdown() {
    JsonNode a = PlatformRules.mattermost(new MattermostRenderer().render(opened));

    assertThat(a.path("color").asText()).isEqualTo("#D0021B");
    assertThat(a.path("title").asText()).startsWith("[CRITICAL] Incident opened");
    assertThat(a.path("text").asText())
        .contains("**#1 ts-route-service** (service) · score 0.87")
        .contains(
            "[False positive](" + BASE + "/feedback?incident=inc-7f3a&action=false-positive)");
    List<String> titles = new ArrayList<>();
    a.path("fields").forEach(f -> titles.add(f.path("title").asText()));
    assertThat(titles).containsExactly("Incident", "Scope", "Severity", "Started", "Links");
    assertThat(MattermostRenderer.color(MessageContent.Severity.WARNING)).isEqualTo("#F5A623");
  }

  @Test
  void teamsCardHasTitleFactsCausesAndOpenUrlActions() {
    JsonNode card = PlatformRules.teams(new TeamsRenderer().render(opened));

    JsonNode body = card.path("body");
    assertThat(body.get(0).path("text").asText()).startsWith("[CRITICAL] Incident opened");
    assertThat(body.get(0).path("color").asText()).isEqualTo("Attention");
    assertThat(body.get(1).path("type").asText()).isEqualTo("FactSet");
    assertThat(body.toString()).contains("**#1 ts-route-service** (service) · score 0.87");
    assertThat(card.path("actions")).hasSize(5);
    assertThat(card.path("actions").get(0).path("url").asText())
        .isEqualTo(BASE + "/incident?id=inc-7f3a");
    assertThat(card.path("actions").get(1).path("url").asText())
        .isEqualTo(BASE + "/feedback?incident=inc-7f3a&action=false-positive");
  }

  @Test
  void teamsLinkUrlsCannotEndTheMarkdownLinkEarly() {
    Incident i =
        RenderFixtures.withEvidence(
            List.of(
                RenderFixtures.metric(
                    "a", "f", 1, "see https://wiki.example.com/Latency_(p99)/fix now")));
    Notification n = new Notification(i, Notification.Kind.OPENED, null);

    JsonNode card = PlatformRules.teams(new TeamsRenderer().render(n));

    assertThat(card.path("body").toString())
        .contains(
            "[wiki.example.com/Latency_(p99)/fix](https://wiki.example.com/Latency_%28p99%29/fix)");
  }

  @Test
  void webhookFollowsItsSchema() {
    JsonNode w = PlatformRules.parse(new WebhookRenderer().render(opened));

    assertThat(w.path("schema").asInt()).isEqualTo(1);
    assertThat(w.path("id").asText()).isEqualTo("inc-7f3a");
    assertThat(w.path("version").asInt()).isEqualTo(2);
    assertThat(w.path("kind").asText()).isEqualTo("opened");
    assertThat(w.path("severity").asText()).isEqualTo("critical");
    assertThat(w.path("status").asText()).isEqualTo("open");
    assertThat(w.path("openedAt").asText()).isEqualTo("2026-11-25T07:58:00Z");
    assertThat(w.path("updatedAt").asText()).isEqualTo("2026-11-25T08:02:30Z");
    assertThat(w.path("rootCauses")).hasSize(3);
    assertThat(w.path("rootCauses").get(0).path("score").asDouble()).isEqualTo(0.87341);
    assertThat(w.path("rootCauses").get(0).path("evidence").get(0).path("signal").asText())
        .isEqualTo("alert");
    assertThat(w.path("moreRootCauses").asInt()).isEqualTo(1);
    assertThat(w.path("links")).hasSize(4);
    assertThat(w.path("feedback").path("rootCause").get(2).path("entity").asText())
        .isEqualTo("ts-route-service-5d9c");
    assertThat(w.path("page").asText()).isEqualTo(BASE + "/incident?id=inc-7f3a");
    assertThat(w.path("idempotencyKey").asText()).isEqualTo("inc-7f3a/v2");
  }

  @Test
  void webhookFeedbackIsNullWithoutABaseUrl() {
    Notification n = new Notification(RenderFixtures.realistic(), Notification.Kind.OPENED, null);

    assertThat(PlatformRules.parse(new WebhookRenderer().render(n)).get("feedback").isNull())
        .isTrue();
  }

  @Test
  void cloudEventTypeFollowsKindAndCarriesTheWebhookBody() {
    for (Notification.Kind kind : Notification.Kind.values()) {
      Notification n = new Notification(RenderFixtures.realistic(), kind, BASE);

      JsonNode e = PlatformRules.cloudEvent(new CloudEventsRenderer().render(n), kind);

      assertThat(e.path("id").asText()).isEqualTo("inc-7f3a/v2");
      assertThat(e.path("source").asText()).isEqualTo("culprit/prod");
      assertThat(e.path("time").asText()).isEqualTo("2026-11-25T08:02:30Z");
      assertThat(e.path("subject").asText()).isEqualTo("inc-7f3a");
      assertThat(e.path("data")).isEqualTo(WebhookRenderer.body(n));
    }
    assertThat(new CloudEventsRenderer().contentType()).isEqualTo("application/cloudevents+json");
  }

  @Test
  void consoleIsReadablePlainText() {
    String text = new String(new ConsoleRenderer().render(opened), StandardCharsets.UTF_8);

    assertThat(text)
        .startsWith("[CRITICAL] Incident opened: ts-route-service, ts-price-service (+3 more)\n")
        .contains("  #1 ts-route-service (service) score 0.87\n")
        .contains("     … 1 more evidence\n")
        .contains(
            "  False positive: " + BASE + "/feedback?incident=inc-7f3a&action=false-positive");
    assertThat(new ConsoleRenderer().contentType()).isEqualTo("text/plain; charset=utf-8");
  }

  private static List<String> types(JsonNode blocks) {
    List<String> out = new ArrayList<>();
    blocks.forEach(b -> out.add(b.path("type").asText()));
    return out;
  }
}
