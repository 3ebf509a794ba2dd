package dev.culprit.web;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.model.Subgraph;
import dev.culprit.model.Suppression;
import java.time.Instant;
import java.util.List;

/** Incidents for the page tests; one carries a {@code <script>} in its entity and texts. */
public final class WebFixtures {
  static final long OPENED = Instant.parse("2026-11-25T07:58:00Z").toEpochMilli();

  /** A script tag in entity names and texts, which the pages must show as text. */
  public static final String HOSTILE = "<script>window.pwned=1</script>";

  private WebFixtures() {}

  static Evidence metric(String service, String feature, double score, long onset) {
    return new Evidence(
        new Resource(service, null, null),
        SignalType.METRIC,
        EvidenceFamily.legacy(SignalType.METRIC, feature),
        feature,
        score,
        1840,
        120,
        Evidence.Direction.UP,
        onset,
        onset + 60_000,
        feature + " of " + service);
  }

  static Evidence log(String service, String template, double score, long onset) {
    return new Evidence(
        Resource.ofService(service),
        SignalType.LOG,
        EvidenceFamily.legacy(SignalType.LOG, template),
        template,
        score,
        57,
        0,
        Evidence.Direction.NEW,
        onset,
        onset + 60_000,
        "57 lines: " + template);
  }

  static Evidence withLinks(Evidence e, List<Evidence.Link> links) {
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

  /** Three causes (the first named {@link #HOSTILE}), a subgraph and a held-back item. */
  public static Incident incident(String id, int version, Incident.Status status, String scope) {
    String bad = "cart" + HOSTILE;
    Evidence latency =
        withLinks(
            metric(bad, "latency_p99_ms", 14.2, OPENED - 120_000),
            List.of(
                new Evidence.Link(
                    "dashboard" + HOSTILE,
                    "https://grafana.example.com/d/x?a=1&b=\"" + HOSTILE,
                    null),
                Evidence.Link.trace("4bf92f3577b34da6a3ce929d0e0e4736")));
    Evidence refused = log(bad, "Connection refused to <*>:3306 " + HOSTILE, 9.5, OPENED - 60_000);
    Evidence price = metric("price", "error_rate", 6.0, OPENED);
    Evidence db = log("db", "slow query", 3.2, OPENED + 30_000);
    Evidence held =
        metric("front", "cpu_usage", 3.1, OPENED)
            .withSuppression(
                new Suppression(
                    Suppression.Kind.FLAPPING, "flapped 5 times " + HOSTILE, null, 0, 0.8, null));
    EntityRef cart = EntityRef.service(bad);
    EntityRef front = EntityRef.service("front");
    List<GraphEdge> edges =
        List.of(
            call(front, cart),
            call(cart, EntityRef.service("price")),
            call(cart, EntityRef.service("db")),
            new GraphEdge(
                EntityRef.instance("db-0"),
                EntityRef.service("db"),
                GraphEdge.Kind.INSTANCE_OF,
                0,
                0,
                0,
                OPENED,
                false));
    return new Incident(
        id,
        version,
        scope,
        OPENED,
        OPENED + version * 60_000L,
        status,
        List.of("fp-1"),
        List.of(latency, refused, price, db, held),
        List.of(cart, EntityRef.service("price"), EntityRef.service("db"), front),
        List.of(
            new RootCause(
                bad,
                EntityKind.SERVICE,
                bad,
                0.87,
                List.of(latency, refused),
                "its latency rose first " + HOSTILE),
            new RootCause("price", EntityKind.SERVICE, "price", 0.41, List.of(price), "errors"),
            new RootCause("db", EntityKind.SERVICE, "db", 0.22, List.of(db), "slow queries"),
            new RootCause("front", EntityKind.SERVICE, "front", 0.1, List.of(), "caller")),
        version == 1 ? "opened" : "new evidence",
        null,
        Subgraph.of(List.of(front), edges));
  }

  static GraphEdge call(EntityRef from, EntityRef to) {
    return new GraphEdge(from, to, GraphEdge.Kind.CALLS, 100, 3, 250_000, OPENED, false);
  }
}
