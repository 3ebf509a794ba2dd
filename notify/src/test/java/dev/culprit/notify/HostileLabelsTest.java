package dev.culprit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.EntityKind;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Labels that try to notify a channel or dress up a link render inert on every chat target: no
 * mention, no Slack-style control sequence and no Markdown link survives as the platform reads it.
 */
class HostileLabelsTest {
  private static final String HOSTILE =
      "cart <!channel> @channel @here [click](https://evil.example) <https://evil.example|click>"
          + " <at>everyone</at>";

  private static Incident incident() {
    Evidence e =
        new Evidence(
            new Resource(HOSTILE, null, null),
            SignalType.ALERT,
            EvidenceFamily.ALERT,
            HOSTILE,
            40,
            1,
            0,
            Evidence.Direction.NEW,
            1000,
            1000,
            "alert " + HOSTILE + " (critical)");
    RootCause rc = new RootCause(HOSTILE, EntityKind.SERVICE, HOSTILE, 1, List.of(e), HOSTILE);
    return new Incident(
        "inc-1",
        2,
        HOSTILE,
        1000,
        2000,
        Incident.Status.OPEN,
        List.of(HOSTILE),
        List.of(e),
        List.of(e.entity()),
        List.of(rc),
        HOSTILE,
        null,
        null);
  }

  private static List<String> texts(byte[] body) {
    List<String> out = new ArrayList<>();
    collect(PlatformRules.parse(body), out);
    return out;
  }

  private static void collect(JsonNode n, List<String> out) {
    if (n.isTextual()) {
      out.add(n.asText());
    }
    n.forEach(child -> collect(child, out));
  }

  private static Notification note() {
    return new Notification(incident(), Notification.Kind.UPDATED, "https://culprit.example.com");
  }

  /** The texts a platform parses for markup: objects of the given types' {@code text}s. */
  private static List<String> parsed(byte[] body, String... types) {
    List<String> out = new ArrayList<>();
    parsed(PlatformRules.parse(body), List.of(types), out);
    return out;
  }

  private static void parsed(JsonNode n, List<String> types, List<String> out) {
    if (n.isObject() && types.contains(n.path("type").asText()) && n.path("text").isTextual()) {
      out.add(n.path("text").asText());
    }
    if (n.isObject() && n.has("facts")) {
      n.path("facts").forEach(f -> out.add(f.path("value").asText()));
    }
    n.forEach(child -> parsed(child, types, out));
  }

  @Test
  void slackEscapesControlSequencesAndDisguisedLinks() {
    byte[] body = new SlackRenderer().render(note());
    PlatformRules.slack(body);
    List<String> mrkdwn = parsed(body, "mrkdwn");
    mrkdwn.add(PlatformRules.parse(body).path("text").asText());
    assertThat(String.join("\n", mrkdwn)).contains("&lt;!channel&gt;");
    assertThat(mrkdwn).allSatisfy(t -> assertThat(t).doesNotContain("<!channel>", "|click>"));
  }

  @Test
  void mattermostLeavesNoMentionNoSlackSequenceAndNoMarkdownLink() {
    byte[] body = new MattermostRenderer().render(note());
    PlatformRules.mattermost(body);
    List<String> texts = texts(body);
    assertThat(String.join("\n", texts)).contains("channel").contains("evil.example");
    assertThat(texts)
        .allSatisfy(
            t ->
                assertThat(t)
                    .doesNotContain(
                        "<!channel>", "@channel", "@here", "](https://evil", "<https://evil"));
  }

  @Test
  void teamsLeavesNoMarkdownLinkAndNoMention() {
    byte[] body = new TeamsRenderer().render(note());
    PlatformRules.teams(body);
    List<String> texts = parsed(body, "TextBlock");
    assertThat(String.join("\n", texts)).contains("evil.example");
    assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain("[click](", "<at>"));
  }
}
