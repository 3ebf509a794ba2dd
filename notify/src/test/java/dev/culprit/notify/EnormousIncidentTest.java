package dev.culprit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Incident;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No renderer throws or exceeds its platform's limits, however large the incident. */
class EnormousIncidentTest {
  private static final Incident HUGE = RenderFixtures.enormous();

  @Test
  void slackStaysWithinBlockKitLimits() {
    for (Notification n : RenderFixtures.all(HUGE)) {
      JsonNode root = PlatformRules.slack(new SlackRenderer().render(n));

      assertThat(root.path("blocks").get(0).path("text").path("text").asText())
          .hasSize(150)
          .endsWith("…");
      assertThat(root.toString()).contains("… 37 more root causes");
    }
  }

  @Test
  void teamsStaysUnder28Kb() {
    for (Notification n : RenderFixtures.all(HUGE)) {
      JsonNode card = PlatformRules.teams(new TeamsRenderer().render(n));

      assertThat(card.path("body").toString()).contains("… 37 more root causes");
    }
  }

  @Test
  void mattermostStaysWithinPostLimits() {
    for (Notification n : RenderFixtures.all(HUGE)) {
      JsonNode a = PlatformRules.mattermost(new MattermostRenderer().render(n));

      assertThat(a.path("text").asText()).hasSizeLessThanOrEqualTo(MattermostRenderer.TEXT_MAX);
      a.path("fields")
          .forEach(
              f ->
                  assertThat(f.path("value").asText())
                      .hasSizeLessThanOrEqualTo(MattermostRenderer.FIELD_MAX));
    }
  }

  @Test
  void webhookAndCloudEventsStaySmall() {
    for (Notification n : RenderFixtures.all(HUGE)) {
      byte[] body = new CloudEventsRenderer().render(n);

      JsonNode e = PlatformRules.cloudEvent(body, n.kind());
      assertThat(e.path("data").path("rootCauses")).hasSize(3);
      assertThat(e.path("data").path("moreRootCauses").asInt()).isEqualTo(37);
      assertThat(e.path("data").path("links").size()).isLessThanOrEqualTo(5);
      assertThat(body.length).isLessThan(200_000);
    }
  }

  @Test
  void consoleStaysShort() {
    for (Notification n : RenderFixtures.all(HUGE)) {
      String text = new String(new ConsoleRenderer().render(n), StandardCharsets.UTF_8);

      assertThat(text).contains("… 37 more root causes").hasSizeLessThan(20_000);
    }
  }

  @Test
  void contentKeepsFiveLinksAndTwoEntitiesInTheTitle() {
    MessageContent c =
        MessageContent.of(new Notification(HUGE, Notification.Kind.OPENED, RenderFixtures.BASE));

    assertThat(c.links()).hasSize(5);
    assertThat(c.title()).endsWith("(+198 more)");
    assertThat(c.severity()).isEqualTo(MessageContent.Severity.WARNING);
    assertThat(c.causes()).allSatisfy(cause -> assertThat(cause.evidence()).hasSize(3));
  }

  @Test
  void aLoneSurrogateDoesNotFailTheRender() {
    Incident odd =
        new Incident(
            "inc-\uD83D",
            1,
            "prod",
            0,
            0,
            null,
            null,
            null,
            List.of(EntityRef.service("svc-\uDE00")),
            null,
            null,
            null,
            null);
    Notification n = new Notification(odd, Notification.Kind.OPENED, RenderFixtures.BASE);

    JsonNode root = PlatformRules.slack(new SlackRenderer().render(n));

    assertThat(root.path("blocks").get(0).path("text").path("text").asText())
        .isEqualTo("[INFO] Incident opened: svc-?");
  }
}
