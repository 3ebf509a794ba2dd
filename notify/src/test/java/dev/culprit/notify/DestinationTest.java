package dev.culprit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.culprit.model.Alert;
import dev.culprit.model.Incident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationTest {
  private static final String HOOK = "https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX";
  private static final String TOKEN = "xoxb-1234-SECRETTOKEN";
  private static final Map<String, String> ENV =
      Map.of("SLACK_WEBHOOK_URL", HOOK, "SLACK_BOT_TOKEN", TOKEN, "OTHER_TOKEN", TOKEN);

  @Test
  void idsAreStableCarryNoSecretAndIgnoreTheBotToken() {
    Destination hook = Destination.parse("slack:" + HOOK, ENV);
    assertThat(hook.id()).startsWith("slack-").doesNotContain("SECRET").doesNotContain("/");
    assertThat(Destination.parse("slack:env:SLACK_WEBHOOK_URL", ENV).id()).isEqualTo(hook.id());
    assertThat(Destination.parse("slack:" + HOOK + "?scope=prod", ENV).id())
        .isNotEqualTo(hook.id());
    assertThat(Destination.parse("slack-bot:#ops?token=env:OTHER_TOKEN", ENV).id())
        .isEqualTo(Destination.parse("slack-bot:#ops", ENV).id());
    assertThat(Destination.parse("slack-bot:#ops?thread=true", ENV).id())
        .isNotEqualTo(Destination.parse("slack-bot:#ops", ENV).id());
  }

  @Test
  void slackBotTakesAnotherApiBaseUrl() {
    assertThat(Destination.parse("slack-bot:#ops", ENV).api()).isEqualTo("https://slack.com/api");
    Destination proxied = Destination.parse("slack-bot:#ops?api=http://127.0.0.1:9/api", ENV);
    assertThat(proxied.api()).isEqualTo("http://127.0.0.1:9/api");
    assertThat(proxied.toString()).contains("api http://127.0.0.1:9/api");
    assertThat(catchThrowable(() -> Destination.parse("slack-bot:#ops?api=ftp://x", ENV)))
        .hasMessage("Invalid --notify slack-bot: api=ftp://x is not an http(s) URL");
    assertThat(catchThrowable(() -> Destination.parse("webhook:http://h/p?api=http://x", ENV)))
        .hasMessageContaining("only apply to slack-bot");
  }

  @Test
  void parsesEveryKind() {
    assertThat(Destination.parse("slack:" + HOOK, ENV).kind()).isEqualTo(TargetKind.SLACK);
    assertThat(Destination.parse("teams:https://x.webhook.office.com/a", ENV).kind())
        .isEqualTo(TargetKind.TEAMS);
    assertThat(Destination.parse("mattermost:https://mm.example.com/hooks/abc", ENV).kind())
        .isEqualTo(TargetKind.MATTERMOST);
    assertThat(Destination.parse("webhook:http://localhost:8080/in", ENV).target().value())
        .isEqualTo("http://localhost:8080/in");
    assertThat(Destination.parse("cloudevents:https://ce.example.com/", ENV).kind())
        .isEqualTo(TargetKind.CLOUDEVENTS);
    Destination console = Destination.parse("console", ENV);
    assertThat(console.kind()).isEqualTo(TargetKind.CONSOLE);
    assertThat(console.toString()).isEqualTo("console");
    Destination bot = Destination.parse("slack-bot:#ops", ENV);
    assertThat(bot.kind()).isEqualTo(TargetKind.SLACK_BOT);
    assertThat(bot.channel()).isEqualTo("#ops");
    assertThat(bot.target().value()).isEqualTo(TOKEN);
    assertThat(bot.thread()).isFalse();
  }

  @Test
  void secretsComeFromEnvOrFileAndNeverShow(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hook");
    Files.writeString(file, HOOK + "\n");
    Destination literal = Destination.parse("slack:" + HOOK, ENV);
    Destination env = Destination.parse("slack:env:SLACK_WEBHOOK_URL", ENV);
    Destination fromFile = Destination.parse("slack:file:" + file, ENV);
    Destination bot = Destination.parse("slack-bot:C42?token=env:OTHER_TOKEN&thread=true", ENV);

    assertThat(literal.toString()).isEqualTo("slack:https://hooks.slack.com/…(redacted)");
    assertThat(env.toString()).isEqualTo("slack:env:SLACK_WEBHOOK_URL");
    assertThat(fromFile.toString()).isEqualTo("slack:file:" + file);
    assertThat(bot.toString()).isEqualTo("slack-bot:C42 (token env:OTHER_TOKEN, threads)");
    assertThat(bot.thread()).isTrue();
    assertThat(List.of(literal.target().value(), env.target().value(), fromFile.target().value()))
        .containsOnly(HOOK);
    for (Destination d : List.of(literal, env, fromFile, bot)) {
      assertThat(d.toString()).doesNotContain("SECRET");
      assertThat(d.name()).doesNotContain("SECRET");
      assertThat(d.target().toString()).doesNotContain("SECRET");
    }
  }

  @Test
  void malformedSpecsFailWithOneLineMessagesWithoutSecrets() {
    Map<String, String> cases =
        Map.of(
            "",
            "empty",
            "pager:" + HOOK,
            "unknown kind",
            "slack:",
            "missing URL",
            "slack:ftp://SECRET@host/x",
            "not an http(s) URL",
            "teams:env:MISSING",
            "MISSING is not set",
            "slack-bot:#ops?token=env:NOPE",
            "NOPE is not set",
            "webhook:https://h/SECRET?severity=urgent",
            "invalid severity",
            "console:" + HOOK,
            "console takes no target",
            "slack:" + HOOK + "?thread=true",
            "only apply to slack-bot",
            "slack:file:/nonexistent/SECRET-file",
            "cannot read secret file");
    cases.forEach(
        (spec, expected) -> {
          Throwable t = catchThrowable(() -> Destination.parse(spec, ENV));
          assertThat(t).as(expected).isInstanceOf(IllegalArgumentException.class);
          assertThat(t.getMessage()).as(expected).contains(expected).doesNotContain("\n");
          assertThat(t.getMessage()).doesNotContain("XXXXSECRETXXXX");
          if (!expected.equals("cannot read secret file")) {
            assertThat(t.getMessage()).doesNotContain("SECRET");
          }
        });
    assertThat(catchThrowable(() -> Destination.parse("slack-bot:#ops", Map.of())))
        .hasMessageContaining("SLACK_BOT_TOKEN is not set");
  }

  @Test
  void filterFollowsTheLastQuestionMarkAndOtherQueriesBelongToTheUrl() {
    Destination d = Destination.parse("webhook:https://h.example.com/in?a=b?scope=prod", ENV);
    assertThat(d.target().value()).isEqualTo("https://h.example.com/in?a=b");
    assertThat(d.route()).isEqualTo(new Route("prod", null));
    Destination plain = Destination.parse("webhook:https://h.example.com/in?a=b", ENV);
    assertThat(plain.target().value()).isEqualTo("https://h.example.com/in?a=b");
    assertThat(plain.route()).isEqualTo(Route.ALL);
    Destination both = Destination.parse("console?scope=prod&severity=critical", ENV);
    assertThat(both.route()).isEqualTo(new Route("prod", Alert.Severity.CRITICAL));
    assertThat(both.toString()).isEqualTo("console?scope=prod&severity=critical");
  }

  @Test
  void routeMatchesScopeAndSeverityAtLeast() {
    Route prodErrors = new Route("prod", Alert.Severity.ERROR);
    Incident critical =
        Incidents.of(
            "i1",
            1,
            "prod",
            Incident.Status.OPEN,
            null,
            List.of(Incidents.alert("a", "warning"), Incidents.alert("b", "critical")),
            "a");
    Incident warning =
        Incidents.of(
            "i2",
            1,
            "prod",
            Incident.Status.OPEN,
            null,
            List.of(Incidents.alert("a", "warning")),
            "a");
    Incident noAlerts = Incidents.open("i3", 1, "a");
    Incident staging =
        Incidents.of(
            "i4",
            1,
            "staging",
            Incident.Status.OPEN,
            null,
            List.of(Incidents.alert("a", "critical")),
            "a");
    assertThat(prodErrors.test(Incidents.note(critical, Notification.Kind.OPENED))).isTrue();
    assertThat(prodErrors.test(Incidents.note(warning, Notification.Kind.OPENED))).isFalse();
    assertThat(prodErrors.test(Incidents.note(noAlerts, Notification.Kind.OPENED))).isFalse();
    assertThat(prodErrors.test(Incidents.note(staging, Notification.Kind.OPENED))).isFalse();
    assertThat(
            new Route(null, Alert.Severity.WARNING)
                .test(Incidents.note(noAlerts, Notification.Kind.OPENED)))
        .isTrue();
    assertThat(Route.ALL.test(Incidents.note(staging, Notification.Kind.OPENED))).isTrue();
  }
}
