package dev.culprit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.model.Suppression;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random incidents, with text full of what chat platforms treat specially, through every
 * renderer: none throws and every body passes its platform's rules.
 */
class RandomIncidentsTest {
  private static final String ALPHABET =
      "abc-XYZ_09 &<>|*`~[]()#:/?=%\"'\\\n\té🚨\uD83D\uDE00\uD800\u0000";

  @Test
  void everyRendererAcceptsAnyIncident() {
    Random random = new Random(7);
    int rendered = 0;
    for (int i = 0; i < 60; i++) {
      Incident incident = incident(random);
      for (Notification n : RenderFixtures.all(incident)) {
        PlatformRules.slack(new SlackRenderer().render(n));
        PlatformRules.teams(new TeamsRenderer().render(n));
        PlatformRules.mattermost(new MattermostRenderer().render(n));
        JsonNode e = PlatformRules.cloudEvent(new CloudEventsRenderer().render(n), n.kind());
        assertThat(e.path("data").path("rootCauses").size()).isLessThanOrEqualTo(3);
        assertThat(new ConsoleRenderer().render(n)).isNotEmpty();
        rendered++;
      }
    }
    assertThat(rendered).isEqualTo(360);
  }

  @Test
  void teamsFallsBackToACompactCardWhenTheFullOneIsTooLarge() {
    String wide = "\u0001".repeat(1000);
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String url = "https://x.example/" + i + "/" + "a".repeat(1900);
      evidence.add(RenderFixtures.metric("svc", wide, 9, "see " + url));
    }
    List<RootCause> causes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      causes.add(
          new RootCause(
              "c" + i + "-" + "b".repeat(1900), EntityKind.SERVICE, null, 1, evidence, wide));
    }
    Incident big =
        new Incident(
            "inc-big", 1, "prod", 0, 0, null, null, evidence, null, causes, wide, null, null);
    Notification n = new Notification(big, Notification.Kind.UPDATED, RenderFixtures.BASE);
    TeamsRenderer teams = new TeamsRenderer();
    byte[] full = MessageContent.json(teams.body(MessageContent.of(n), 1));

    JsonNode card = PlatformRules.teams(teams.render(n));

    assertThat(full.length).isGreaterThan(TeamsRenderer.MAX_BYTES);
    assertThat(card.path("body").toString()).doesNotContain("metric ").contains("**#3 c2-");
  }

  private static Incident incident(Random r) {
    List<Evidence> evidence = new ArrayList<>();
    int count = r.nextInt(30);
    for (int i = 0; i < count; i++) {
      evidence.add(evidence(r));
    }
    List<RootCause> causes = new ArrayList<>();
    int causeCount = r.nextInt(8);
    for (int i = 0; i < causeCount; i++) {
      List<Evidence> own =
          evidence.isEmpty() ? List.of() : evidence.subList(0, r.nextInt(evidence.size()));
      causes.add(
          new RootCause(
              name(r),
              EntityKind.values()[r.nextInt(EntityKind.values().length)],
              r.nextBoolean() ? null : name(r),
              r.nextDouble() * 1000 - 10,
              own,
              r.nextBoolean() ? null : text(r, 4000)));
    }
    List<EntityRef> affected = new ArrayList<>();
    int affectedCount = r.nextInt(10);
    for (int i = 0; i < affectedCount; i++) {
      affected.add(EntityRef.service(name(r)));
    }
    return new Incident(
        "x" + text(r, 300),
        r.nextInt(100) + 1,
        r.nextBoolean() ? null : text(r, 300),
        r.nextLong(0, 4_000_000_000_000L),
        r.nextLong(0, 4_000_000_000_000L),
        r.nextBoolean() ? Incident.Status.OPEN : Incident.Status.RESOLVED,
        null,
        evidence,
        affected,
        causes,
        r.nextBoolean() ? null : text(r, 3000),
        null,
        null);
  }

  private static Evidence evidence(Random r) {
    SignalType signal = SignalType.values()[r.nextInt(SignalType.values().length)];
    String detail = text(r, 6000);
    if (r.nextInt(4) == 0) {
      detail += " https://h.example/" + text(r, 50) + " " + "0123456789abcdef".repeat(2);
    }
    Evidence e =
        new Evidence(
            Resource.ofService(name(r)),
            signal,
            EvidenceFamily.legacy(signal, text(r, 500)),
            text(r, 500),
            r.nextDouble() * 100,
            r.nextDouble(),
            r.nextDouble(),
            Evidence.Direction.values()[r.nextInt(3)],
            0,
            0,
            r.nextBoolean() ? null : detail);
    return r.nextInt(3) == 0
        ? e.withSuppression(
            new Suppression(
                Suppression.Kind.values()[r.nextInt(3)], text(r, 100), null, 0, 1, null))
        : e;
  }

  private static String name(Random r) {
    return "n" + text(r, r.nextInt(10) == 0 ? 4000 : 40);
  }

  private static String text(Random r, int maxLength) {
    int length = r.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
