package dev.culprit.notify;

import static dev.culprit.notify.RenderFixtures.BASE;
import static dev.culprit.notify.RenderFixtures.GRAFANA;
import static dev.culprit.notify.RenderFixtures.RUNBOOK;
import static dev.culprit.notify.RenderFixtures.TRACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import dev.culprit.notify.MessageContent.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageContentTest {

  private static MessageContent opened(Incident i) {
    return MessageContent.of(new Notification(i, Notification.Kind.OPENED, BASE));
  }

  @Test
  void titleNamesSeverityKindAndTwoAffectedEntities() {
    Incident i = RenderFixtures.realistic();

    assertThat(opened(i).title())
        .isEqualTo("[CRITICAL] Incident opened: ts-route-service, ts-price-service (+3 more)");
    assertThat(MessageContent.of(new Notification(i, Notification.Kind.UPDATED, null)).title())
        .isEqualTo("[CRITICAL] Incident updated: ts-route-service, ts-price-service (+3 more)");
  }

  @Test
  void resolvedIncidentKeepsItsSeverity() {
    Incident r = RenderFixtures.resolved(RenderFixtures.realistic());

    MessageContent c = MessageContent.of(new Notification(r, Notification.Kind.RESOLVED, null));

    assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(c.title()).startsWith("[CRITICAL] Incident resolved: ts-route-service");
  }

  @Test
  void severityIsCriticalOnlyForAnUnsuppressedCriticalAlert() {
    Evidence critical = RenderFixtures.alert("a", "Down", "critical", "");
    Evidence warning = RenderFixtures.alert("a", "Slow", "warning", "");
    Evidence metric = RenderFixtures.metric("a", "latency", 50, "very high");

    assertThat(MessageContent.severity(RenderFixtures.withEvidence(List.of(warning, critical))))
        .isEqualTo(Severity.CRITICAL);
    assertThat(MessageContent.severity(RenderFixtures.withEvidence(List.of(warning, metric))))
        .isEqualTo(Severity.WARNING);
    assertThat(
            MessageContent.severity(
                RenderFixtures.withEvidence(
                    List.of(critical.withSuppression(RenderFixtures.duplicate()), metric))))
        .isEqualTo(Severity.WARNING);
    assertThat(
            MessageContent.severity(
                RenderFixtures.withEvidence(
                    List.of(metric.withSuppression(RenderFixtures.duplicate())))))
        .isEqualTo(Severity.INFO);
    assertThat(MessageContent.severity(RenderFixtures.withEvidence(List.of())))
        .isEqualTo(Severity.INFO);
  }

  @Test
  void criticalInAMetricDetailDoesNotMakeTheIncidentCritical() {
    Evidence metric = RenderFixtures.metric("a", "latency", 50, "critical path latency");

    assertThat(MessageContent.severity(RenderFixtures.withEvidence(List.of(metric))))
        .isEqualTo(Severity.WARNING);
  }

  @Test
  void showsTheTopThreeCausesWithThreeEvidenceLinesEach() {
    MessageContent c = opened(RenderFixtures.realistic());

    assertThat(c.causes()).extracting(MessageContent.Cause::rank).containsExactly(1, 2, 3);
    assertThat(c.causes())
        .extracting(MessageContent.Cause::entity)
        .containsExactly("ts-route-service", "ts-price-service", "ts-route-service-5d9c");
    assertThat(c.moreCauses()).isEqualTo(1);
    MessageContent.Cause top = c.causes().getFirst();
    assertThat(top.kind()).isEqualTo("service");
    assertThat(top.scoreText()).isEqualTo("0.87");
    assertThat(top.explanation())
        .isEqualTo("ts-route-service's latency rose first and its callers followed");
    assertThat(top.evidence())
        .extracting(MessageContent.Line::text)
        .containsExactly(
            "alert HighLatency 40.00 new",
            "metric latency_p99_ms 14.24 up",
            "log Connection refused to <*>:3306 9.50 new");
    assertThat(top.moreEvidence()).isEqualTo(1);
  }

  @Test
  void marksHeldBackEvidence() {
    Evidence dup =
        RenderFixtures.metric("a", "cpu_usage", 3.1, "")
            .withSuppression(RenderFixtures.duplicate());

    MessageContent c = opened(RenderFixtures.withEvidence(List.of(dup)));

    assertThat(c.causes().getFirst().evidence().getFirst().text())
        .isEqualTo("metric cpu_usage 3.10 up (held back: duplicate)");
  }

  @Test
  void startedIsIsoUtcAndChangeOnlyForUpdates() {
    Incident i = RenderFixtures.realistic();

    MessageContent updated =
        MessageContent.of(new Notification(i, Notification.Kind.UPDATED, null));

    assertThat(updated.started()).isEqualTo("2026-11-25T07:58:00Z");
    assertThat(updated.change()).isEqualTo("new root cause ts-price-service ranked #2");
    assertThat(opened(i).change()).isEmpty();
  }

  @Test
  void collectsTheLinksOfTheEvidenceInOrderWithoutDuplicates() {
    MessageContent c = opened(RenderFixtures.realistic());

    assertThat(c.links())
        .containsExactly(
            new MessageContent.Link("runbooks.example.com/latency", RUNBOOK, null),
            new MessageContent.Link("trace " + TRACE, null, TRACE),
            new MessageContent.Link("grafana.example.com/d/ts-route/latency", GRAFANA, null),
            new MessageContent.Link(
                "trace 0af7651916cd43dd8448eb211c80319c",
                null,
                "0af7651916cd43dd8448eb211c80319c"));
  }

  @Test
  void keepsAtMostFiveLinksAndDropsOnesNoRendererCouldCarry() {
    List<Evidence.Link> links =
        List.of(
            new Evidence.Link("bad", "https://evil.example/<script>", null),
            new Evidence.Link("bad", "javascript:alert(1)", null),
            new Evidence.Link("bad", null, "<b>not-a-trace</b>"),
            new Evidence.Link("dashboard", "https://grafana.example.com/d/x.", null),
            Evidence.Link.trace(TRACE));
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(withLinks(RenderFixtures.metric("a", "f", 1, ""), links));
    for (int i = 0; i < 8; i++) {
      evidence.add(
          withLinks(
              RenderFixtures.metric("a", "f" + i, 1, ""),
              List.of(
                  new Evidence.Link("", "http://x.example/" + i, null),
                  Evidence.Link.trace(TRACE))));
    }

    List<MessageContent.Link> out = opened(RenderFixtures.withEvidence(evidence)).links();

    assertThat(out)
        .extracting(l -> l.url() != null ? l.url() : l.traceId())
        .containsExactly(
            "https://grafana.example.com/d/x",
            TRACE,
            "http://x.example/0",
            "http://x.example/1",
            "http://x.example/2");
  }

  private static Evidence withLinks(Evidence e, List<Evidence.Link> links) {
    return new Evidence(
        e.resource(),
        e.signal(),
        e.family(),
        e.feature(),
        e.score(),
        e.value(),
        e.baseline(),
        e.direction(),
        e.onset(),
        e.time(),
        e.detail(),
        e.severity(),
        links,
        e.suppression());
  }

  @Test
  void causeKindNamesTheServiceOfAnInstance() {
    MessageContent c = opened(RenderFixtures.realistic());

    assertThat(c.causes())
        .extracting(MessageContent.Cause::kindText)
        .containsExactly("service", "service", "instance of ts-route-service");
    assertThat(MessageContent.urlLabel("https://grafana.example.com/d/x/?a=1"))
        .isEqualTo("grafana.example.com/d/x");
  }

  @Test
  void feedbackLinksAreUrlEncoded() {
    RootCause odd = new RootCause("db primary/eu&1?", EntityKind.BACKING, null, 1, List.of(), "");
    Incident i =
        new Incident(
            "inc 1&2",
            1,
            "prod",
            0,
            0,
            null,
            null,
            null,
            List.of(EntityRef.service("a")),
            List.of(odd),
            null,
            null,
            null);

    List<MessageContent.Action> actions =
        MessageContent.of(new Notification(i, Notification.Kind.OPENED, BASE + "/")).actions();

    assertThat(actions)
        .containsExactly(
            new MessageContent.Action("Open incident", BASE + "/incident?id=inc%201%262"),
            new MessageContent.Action(
                "False positive", BASE + "/feedback?incident=inc%201%262&action=false-positive"),
            new MessageContent.Action(
                "Confirm root cause: db primary/eu&1?",
                BASE
                    + "/feedback?incident=inc%201%262&action=root-cause"
                    + "&entity=db%20primary%2Feu%261%3F"));
  }

  @Test
  void noFeedbackActionsWithoutABaseUrl() {
    Incident i = RenderFixtures.realistic();

    assertThat(MessageContent.of(new Notification(i, Notification.Kind.OPENED, null)).actions())
        .isEmpty();
    assertThat(MessageContent.of(new Notification(i, Notification.Kind.OPENED, " ")).actions())
        .isEmpty();
  }

  @Test
  void titleFallsBackToRootCausesThenScope() {
    Incident bare =
        new Incident("inc-9", 1, "staging", 0, 0, null, null, null, null, null, null, "t-1", null);

    assertThat(opened(bare).title()).isEqualTo("[INFO] Incident opened: staging");
    assertThat(opened(bare).causes()).isEmpty();
  }

  @Test
  void clipEndsWithAnEllipsisAndNeverSplitsASurrogatePair() {
    assertThat(MessageContent.clip("abcdef", 4)).isEqualTo("abc…");
    assertThat(MessageContent.clip("abc", 3)).isEqualTo("abc");
    assertThat(MessageContent.clip("ab🚨cd", 4)).isEqualTo("ab…");
  }
}
