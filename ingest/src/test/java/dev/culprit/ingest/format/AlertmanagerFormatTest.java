package dev.culprit.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.Alert;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerFormatTest {
  static final String WEBHOOK =
      """
      {"version":"4","groupKey":"{}:{alertname=\\"HighErrorRate\\"}","truncatedAlerts":0,
       "status":"firing","receiver":"culprit",
       "groupLabels":{"alertname":"HighErrorRate"},
       "commonLabels":{"alertname":"HighErrorRate","namespace":"shop"},
       "commonAnnotations":{},
       "externalURL":"http://alertmanager:9093",
       "alerts":[
        {"status":"firing",
         "labels":{"alertname":"HighErrorRate","namespace":"shop","service":"checkout",
                   "pod":"checkout-7d9f-abcde","node":"node-1","severity":"page"},
         "annotations":{"summary":"5xx above 5%"},
         "startsAt":"2024-05-01T10:00:00.123Z","endsAt":"0001-01-01T00:00:00Z",
         "generatorURL":"http://prometheus:9090/graph?g0.expr=x","fingerprint":"a1b2c3d4e5f60708"},
        {"status":"resolved",
         "labels":{"alertname":"HighErrorRate","namespace":"shop","job":"payments",
                   "instance":"10.0.0.7:8080","severity":"warning"},
         "annotations":{"summary":"5xx above 5%"},
         "startsAt":"2024-05-01T09:00:00Z","endsAt":"2024-05-01T11:30:00+02:00",
         "generatorURL":"http://prometheus:9090/graph?g0.expr=y","fingerprint":"0102030405060708"}
       ]}
      """;

  static final String GRAFANA =
      """
      {"receiver":"culprit","status":"firing","orgId":1,
       "alerts":[{"status":"firing",
         "labels":{"alertname":"High memory usage","grafana_folder":"Infra","team":"blue"},
         "annotations":{"description":"memory above 90%"},
         "startsAt":"2024-05-01T12:00:00Z","endsAt":"0001-01-01T00:00:00Z",
         "generatorURL":"http://grafana/alerting/grafana/abc/view",
         "fingerprint":"c6eadffa33fcdf37",
         "silenceURL":"http://grafana/alerting/silence/new?alertmanager=grafana",
         "dashboardURL":"http://grafana/d/dash","panelURL":"http://grafana/d/dash?viewPanel=2",
         "values":{"B":92.5,"C":1},
         "valueString":"[ var='B' labels={} value=92.5 ]"}],
       "groupLabels":{"alertname":"High memory usage"},
       "commonLabels":{"alertname":"High memory usage"},"commonAnnotations":{},
       "externalURL":"http://grafana/","version":"1",
       "groupKey":"{}:{alertname=\\"High memory usage\\"}","truncatedAlerts":0,
       "title":"[FIRING:1] High memory usage","state":"alerting","message":"**Firing**"}
      """;

  final AlertmanagerFormat format = new AlertmanagerFormat();

  static List<Signal> parsed(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).signals();
  }

  static String rejection(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected) result).reason();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void mapsTwoAlertsOneResolved() {
    List<Signal> signals = parsed(format.parse(utf8(WEBHOOK), "application/json"));

    assertThat(signals)
        .containsExactly(
            new Alert(
                new Resource("checkout", "checkout-7d9f-abcde", "node-1"),
                1714557600123L,
                0,
                "a1b2c3d4e5f60708",
                "HighErrorRate",
                Alert.Severity.CRITICAL,
                Alert.Status.FIRING,
                Map.of(
                    "alertname", "HighErrorRate",
                    "namespace", "shop",
                    "service", "checkout",
                    "pod", "checkout-7d9f-abcde",
                    "node", "node-1",
                    "severity", "page"),
                Map.of(
                    "summary", "5xx above 5%",
                    "generatorURL", "http://prometheus:9090/graph?g0.expr=x")),
            new Alert(
                new Resource("payments", "10.0.0.7:8080", null),
                1714554000000L,
                1714555800000L,
                "0102030405060708",
                "HighErrorRate",
                Alert.Severity.WARNING,
                Alert.Status.RESOLVED,
                Map.of(
                    "alertname", "HighErrorRate",
                    "namespace", "shop",
                    "job", "payments",
                    "instance", "10.0.0.7:8080",
                    "severity", "warning"),
                Map.of(
                    "summary", "5xx above 5%",
                    "generatorURL", "http://prometheus:9090/graph?g0.expr=y")));
  }

  @Test
  void mapsGrafanaAlertWithItsLinksAsAnnotationsAndMarksItUnmapped() {
    List<Signal> signals = parsed(format.parse(utf8(GRAFANA), null));

    assertThat(signals)
        .containsExactly(
            new Alert(
                Resource.ofService("unknown"),
                1714564800000L,
                0,
                "c6eadffa33fcdf37",
                "High memory usage",
                Alert.Severity.WARNING,
                Alert.Status.FIRING,
                Map.of(
                    "alertname", "High memory usage",
                    "grafana_folder", "Infra",
                    "team", "blue",
                    "culprit_unmapped", "true"),
                Map.of(
                    "description", "memory above 90%",
                    "generatorURL", "http://grafana/alerting/grafana/abc/view",
                    "silenceURL", "http://grafana/alerting/silence/new?alertmanager=grafana",
                    "dashboardURL", "http://grafana/d/dash",
                    "panelURL", "http://grafana/d/dash?viewPanel=2",
                    "valueString", "[ var='B' labels={} value=92.5 ]",
                    "values", "{\"B\":92.5,\"C\":1}",
                    "orgId", "1")));
  }

  @Test
  void customMappingNamesTheEntity() {
    var mapping = new EntityMapping(List.of("team"), List.of(), List.of());

    List<Signal> signals = parsed(new AlertmanagerFormat(mapping).parse(utf8(GRAFANA), null));

    assertThat(signals.getFirst().resource()).isEqualTo(Resource.ofService("blue"));
    assertThat(((Alert) signals.getFirst()).labels()).doesNotContainKey("culprit_unmapped");
  }

  @Test
  void scopeLabelNamesTheResourcesScopeAndItsJsonKeepsItsShapeWithoutOne() throws Exception {
    EntityMapping d = EntityMapping.defaults();
    var mapping =
        new EntityMapping(d.serviceLabels(), d.instanceLabels(), d.nodeLabels(), "cluster");
    String body =
        """
        {"version":"4","status":"firing","alerts":[
         {"labels":{"alertname":"A","service":"cart","cluster":"eu-1"},"startsAt":"2024-05-01T10:00:00Z"},
         {"labels":{"alertname":"B","service":"cart"},"startsAt":"2024-05-01T10:00:00Z"}]}""";

    List<Signal> signals = parsed(new AlertmanagerFormat(mapping).parse(utf8(body), null));

    assertThat(signals.get(0).resource()).isEqualTo(new Resource("cart", null, null, "eu-1"));
    assertThat(signals.get(1).resource()).isEqualTo(Resource.ofService("cart"));
    assertThat(dev.culprit.model.Json.mapper().writeValueAsString(signals.get(1).resource()))
        .isEqualTo("{\"service\":\"cart\",\"instance\":null,\"node\":null}");
    assertThatThrownBy(() -> new EntityMapping(List.of(), List.of(), List.of(), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scope label");
  }

  @Test
  void computesPrometheusFingerprintWhenAbsent() {
    String body =
        """
        {"version":"4","status":"firing","alerts":[{"labels":{"alertname":"A","job":"j"},
         "startsAt":"2024-05-01T10:00:00Z"}]}""";

    Alert alert = (Alert) parsed(format.parse(utf8(body), null)).getFirst();

    assertThat(alert.fingerprint()).hasSize(16).isEqualTo(AlertFields.fingerprint(alert.labels()));
    assertThat(AlertFields.fingerprint(Map.of())).isEqualTo("cbf29ce484222325");
    assertThat(AlertFields.fingerprint(Map.of("job", "j", "alertname", "A")))
        .isEqualTo(AlertFields.fingerprint(Map.of("alertname", "A", "job", "j")))
        .isNotEqualTo(AlertFields.fingerprint(Map.of("alertname", "A", "job", "k")));
    assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
  }

  @Test
  void mapsSeveritySynonyms() {
    assertThat(AlertFields.severity("High")).isEqualTo(Alert.Severity.ERROR);
    assertThat(AlertFields.severity("major")).isEqualTo(Alert.Severity.ERROR);
    assertThat(AlertFields.severity("critical")).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(AlertFields.severity("info")).isEqualTo(Alert.Severity.INFO);
    assertThat(AlertFields.severity("whatever")).isEqualTo(Alert.Severity.WARNING);
    assertThat(AlertFields.severity(null)).isEqualTo(Alert.Severity.WARNING);
  }

  @Test
  void rejectsOtherVersionsAndBrokenPayloads() {
    assertThat(rejection(format.parse(utf8("{\"version\":\"3\",\"alerts\":[]}"), null)))
        .isEqualTo("unsupported Alertmanager webhook version \"3\"");
    assertThat(rejection(format.parse(utf8("{\"alerts\":[]}"), null)))
        .isEqualTo("unsupported Alertmanager webhook version null");
    assertThat(rejection(format.parse(utf8("{x"), null))).startsWith("not JSON: ");
    assertThat(rejection(format.parse(null, null))).isEqualTo("no payload");
    assertThat(rejection(format.parse(new byte[0], null))).isEqualTo("empty payload");
    assertThat(
            rejection(
                format.parse(
                    utf8("{\"version\":\"4\",\"alerts\":[{\"labels\":{\"alertname\":1}}]}"), null)))
        .isEqualTo("alerts[0].labels.alertname is not a string");
    assertThat(
            rejection(
                format.parse(
                    utf8(
                        "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"labels\":"
                            + "{\"alertname\":\"A\"},\"startsAt\":\"yesterday\"}]}"),
                    null)))
        .isEqualTo("alerts[0].startsAt is not an RFC 3339 time: \"yesterday\"");
  }
}
