package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.Alert;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Resource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An alert becomes evidence that names it, with its severity and its annotations' links as fields.
 */
class AlertEvidenceTest {
  private static Evidence of(Map<String, String> annotations) {
    return of(Alert.Severity.CRITICAL, annotations);
  }

  private static Evidence of(Alert.Severity severity, Map<String, String> annotations) {
    Alert a =
        new Alert(
            Resource.ofService("checkout"),
            1_000,
            0,
            "fp",
            "HighLatency",
            severity,
            Alert.Status.FIRING,
            Map.of(),
            annotations);
    return ((ScopedEvent.EvidenceEvent) EvidenceStage.alertEvidence(a)).evidence();
  }

  @Test
  void upToThreeAnnotationLinksBecomeTypedLinksButNotSilenceOrImageLinks() {
    Evidence e =
        of(
            Map.of(
                "summary", "p99 above 2 s",
                "runbook_url", "https://runbooks.example.com/latency",
                "generatorURL", "http://prometheus:9090/graph?g0.expr=x",
                "silenceURL", "https://grafana.example.com/silence",
                "imageURL", "https://grafana.example.com/render.png",
                "dashboardURL", "https://grafana.example.com/d/abc",
                "panelURL", "https://grafana.example.com/d/abc?viewPanel=2"));
    assertThat(e.links())
        .containsExactly(
            new Evidence.Link("dashboardURL", "https://grafana.example.com/d/abc", null),
            new Evidence.Link("generatorURL", "http://prometheus:9090/graph?g0.expr=x", null),
            new Evidence.Link("panelURL", "https://grafana.example.com/d/abc?viewPanel=2", null));
    assertThat(e.detail()).isEqualTo("alert HighLatency (critical)");
    assertThat(e.family()).isEqualTo(EvidenceFamily.ALERT);
  }

  @Test
  void aUrlInsideOtherTextIsNoLink() {
    Evidence e = of(Map.of("summary", "see https://x in the text"));
    assertThat(e.links()).isEmpty();
    assertThat(e.detail()).isEqualTo("alert HighLatency (critical)");
  }

  @Test
  void theSeverityIsAFieldWhateverTheLinksSay() {
    Evidence warning =
        of(
            Alert.Severity.WARNING,
            Map.of(
                "generatorURL", "http://prometheus:9090/graph?g0.expr=rate(errors[5m])",
                "runbook_url", "https://runbooks.example.com/critical-alerts"));
    assertThat(warning.severity()).isEqualTo(Alert.Severity.WARNING);
    assertThat(warning.alertSeverity()).isEqualTo(Alert.Severity.WARNING);
    assertThat(of(Map.of()).alertSeverity()).isEqualTo(Alert.Severity.CRITICAL);
  }

  @Test
  void evidenceThatIsNoAlertHasNoAlertSeverity() {
    Evidence metric =
        new Evidence(
            Resource.ofService("checkout"),
            dev.culprit.model.SignalType.METRIC,
            EvidenceFamily.METRIC_RESOURCE,
            "cpu",
            5,
            1,
            0,
            Evidence.Direction.UP,
            0,
            60_000,
            "alert cpu (critical)");
    assertThat(metric.alertSeverity()).isNull();
  }
}
