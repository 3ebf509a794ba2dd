package dev.culprit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.feedback.FeedbackLinks;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feedback links of a chat message carry a signature the server accepts, for a week. */
class SignedLinksTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:15:00Z");

  @Test
  void everyFeedbackLinkIsSignedForItsIncidentAndExpiresAfterItsLifetime() {
    FeedbackLinks links =
        FeedbackLinks.signed("k3y", Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));
    Lifecycle lifecycle =
        new Lifecycle(
            Lifecycle.Updates.MATERIAL,
            10,
            Duration.ofHours(1),
            new TestClock(),
            "https://culprit.example.com",
            links);
    Notification n = lifecycle.next(Incidents.open("inc-1", 1, "cart", "db")).orElseThrow();

    var actions = MessageContent.of(n).actions();
    assertThat(actions).hasSize(4);
    assertThat(actions.getFirst().url())
        .startsWith("https://culprit.example.com/incident?id=inc-1&");
    for (var a : actions) {
      Map<String, String> q = query(a.url());
      String incident = q.getOrDefault("incident", q.get("id"));
      assertThat(incident).isEqualTo("inc-1");
      assertThat(links.check(incident, q.get("exp"), q.get("sig")))
          .isEqualTo(FeedbackLinks.Check.VALID);
      assertThat(links.check("inc-2", q.get("exp"), q.get("sig")))
          .isEqualTo(FeedbackLinks.Check.FORGED);
      FeedbackLinks later =
          FeedbackLinks.signed(
              "k3y", Duration.ofDays(7), Clock.fixed(NOW.plus(Duration.ofDays(8)), ZoneOffset.UTC));
      assertThat(later.check(incident, q.get("exp"), q.get("sig")))
          .isEqualTo(FeedbackLinks.Check.EXPIRED);
    }
  }

  private static Map<String, String> query(String url) {
    Map<String, String> out = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
