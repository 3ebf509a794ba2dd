package dev.culprit.notify;

import dev.culprit.model.Alert;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.model.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Incidents to render: a realistic one, variants of it and an enormous one. */
final class RenderFixtures {
  static final long OPENED = Instant.parse("2026-11-25T07:58:00Z").toEpochMilli();
  static final long UPDATED = Instant.parse("2026-11-25T08:02:30Z").toEpochMilli();
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String RUNBOOK =
      "https://runbooks.example.com/latency?svc=ts-route-service&env=prod";
  static final String GRAFANA =
      "https://grafana.example.com/d/ts-route/latency?var-pod=ts-route-5d9c";
  static final String BASE = "https://culprit.example.com";

  private RenderFixtures() {}

  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`|\\\\^{}\\[\\]]+");
  private static final Pattern TRACE_ID =
      Pattern.compile("(?<![0-9A-Za-z/])[0-9a-f]{32}(?![0-9A-Za-z])");

  /**
   * The links a detector would attach to evidence whose detail mentions them: each URL (without
   * trailing punctuation), then each 32-hex trace id outside a URL, in order.
   */
  static List<Evidence.Link> linksIn(String text) {
    List<Evidence.Link> out = new ArrayList<>();
    Matcher u = URL.matcher(text);
    while (u.find()) {
      out.add(new Evidence.Link("", u.group().replaceAll("[.,;:!?)]+$", ""), null));
    }
    Matcher t = TRACE_ID.matcher(URL.matcher(text).replaceAll(" "));
    while (t.find()) {
      out.add(Evidence.Link.trace(t.group()));
    }
    return out;
  }

  static Evidence alert(String service, String name, String severity, String extra) {
    return new Evidence(
        Resource.ofService(service),
        SignalType.ALERT,
        EvidenceFamily.ALERT,
        name,
        "critical".equals(severity) ? 40 : 12,
        1,
        0,
        Evidence.Direction.NEW,
        OPENED,
        OPENED,
        "alert " + name + " (" + severity + ")" + extra,
        Alert.Severity.valueOf(severity.toUpperCase(Locale.ROOT)),
        linksIn(extra),
        null);
  }

  static Evidence metric(String service, String feature, double score, String detail) {
    return new Evidence(
        new Resource(service, service + "-5d9c", "node-3"),
        SignalType.METRIC,
        EvidenceFamily.legacy(SignalType.METRIC, feature),
        feature,
        score,
        1840,
        120,
        Evidence.Direction.UP,
        OPENED,
        OPENED + 60_000,
        detail,
        null,
        linksIn(detail),
        null);
  }

  static Evidence log(String service, String template, double score, String detail) {
    return new Evidence(
        Resource.ofService(service),
        SignalType.LOG,
        EvidenceFamily.legacy(SignalType.LOG, template),
        template,
        score,
        57,
        0,
        Evidence.Direction.NEW,
        OPENED,
        OPENED + 60_000,
        detail,
        null,
        linksIn(detail),
        null);
  }

  static Suppression duplicate() {
    return new Suppression(Suppression.Kind.DUPLICATE, "seen before", null, 0, 1, null);
  }

  /** Five affected entities, four root causes, a critical alert with a runbook and a trace. */
  static Incident realistic() {
    Evidence critical =
        alert(
            "ts-route-service",
            "HighLatency",
            "critical",
            "; runbook " + RUNBOOK + "; slowest trace " + TRACE + ".");
    Evidence latency =
        metric(
            "ts-route-service",
            "latency_p99_ms",
            14.237,
            "p99 latency 1840 ms vs 120 ms; see " + GRAFANA + ".");
    Evidence errors =
        log(
            "ts-route-service",
            "Connection refused to <*>:3306",
            9.5,
            "57 lines; trace " + TRACE + " and trace 0af7651916cd43dd8448eb211c80319c");
    Evidence dup =
        metric("ts-route-service", "cpu_usage", 3.1, "cpu 0.9 vs 0.4").withSuppression(duplicate());
    Evidence price = metric("ts-price-service", "error_rate", 6.02, "errors 12% vs 0.1%");
    List<RootCause> causes =
        List.of(
            new RootCause(
                "ts-route-service",
                EntityKind.SERVICE,
                "ts-route-service",
                0.87341,
                List.of(critical, latency, errors, dup),
                "ts-route-service's latency rose first and its callers followed"),
            new RootCause(
                "ts-price-service",
                EntityKind.SERVICE,
                "ts-price-service",
                0.41,
                List.of(price),
                "errors rose in ts-price-service after ts-route-service"),
            new RootCause(
                "ts-route-service-5d9c",
                EntityKind.INSTANCE,
                "ts-route-service",
                0.305,
                List.of(latency),
                "the one pod of ts-route-service whose latency rose"),
            new RootCause("node-3", EntityKind.NODE, null, 0.1, List.of(), "hosts the pod"));
    return new Incident(
        "inc-7f3a",
        2,
        "prod",
        OPENED,
        UPDATED,
        Incident.Status.OPEN,
        List.of("fp-1"),
        List.of(critical, latency, errors, dup, price),
        List.of(
            EntityRef.service("ts-route-service"),
            EntityRef.service("ts-price-service"),
            EntityRef.service("ts-travel-service"),
            EntityRef.instance("ts-route-service-5d9c"),
            EntityRef.node("node-3")),
        causes,
        "new root cause ts-price-service ranked #2",
        null,
        null);
  }

  static Incident withEvidence(List<Evidence> evidence) {
    Incident r = realistic();
    return new Incident(
        r.id(),
        1,
        r.scope(),
        OPENED,
        OPENED,
        Incident.Status.OPEN,
        List.of(),
        evidence,
        List.of(EntityRef.service("ts-route-service")),
        List.of(new RootCause("ts-route-service", EntityKind.SERVICE, null, 0.5, evidence, "x")),
        "",
        null,
        null);
  }

  static Incident resolved(Incident i) {
    return new Incident(
        i.id(),
        i.version() + 1,
        i.scope(),
        i.openedAt(),
        i.updatedAt() + 600_000,
        Incident.Status.RESOLVED,
        i.alerts(),
        i.evidence(),
        i.affected(),
        i.rootCauses(),
        "resolved",
        i.trigger(),
        i.subgraph());
  }

  /**
   * 40 root causes, 500 evidence items with 5,000-character details full of characters chat
   * platforms treat specially, and entity names 3,000 characters long.
   */
  static Incident enormous() {
    String filler = "a<b>&c \"q\" 🚨 é ".repeat(400).substring(0, 4900);
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String service = longName("svc-" + i);
      String link = i % 7 == 0 ? " https://grafana.example.com/d/" + i + "?x=<&y> " : " ";
      String detail = (filler.substring(0, 500) + link + filler).substring(0, 1000);
      Evidence e = metric(service, longName("feature-" + i), 1000.0 / (i + 1), detail);
      evidence.add(i % 3 == 0 ? e.withSuppression(duplicate()) : e);
    }
    List<RootCause> causes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      causes.add(
          new RootCause(
              longName("cause-" + i + " & <x>"),
              EntityKind.SERVICE,
              longName("svc-" + i),
              100.0 / (i + 1),
              evidence.subList(i * 12, i * 12 + 12),
              filler));
    }
    List<EntityRef> affected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      affected.add(EntityRef.service(longName("affected-" + i)));
    }
    return new Incident(
        longName("inc"),
        99,
        longName("scope"),
        OPENED,
        UPDATED,
        Incident.Status.OPEN,
        List.of(),
        evidence,
        affected,
        causes,
        filler,
        null,
        null);
  }

  static String longName(String prefix) {
    return (prefix + "-" + "x&y<z>/é".repeat(400)).substring(0, 3000);
  }

  static List<Notification> all(Incident i) {
    List<Notification> out = new ArrayList<>();
    for (Notification.Kind k : Notification.Kind.values()) {
      out.add(new Notification(i, k, BASE));
      out.add(new Notification(i, k, null));
    }
    return out;
  }
}
