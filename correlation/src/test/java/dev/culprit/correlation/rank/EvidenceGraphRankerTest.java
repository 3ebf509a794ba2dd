package dev.culprit.correlation.rank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceGraphRankerTest {
  private static final long T = 1_000_000_000L;

  private static Evidence alert(Resource r, String feature, double score) {
    return new Evidence(
        r,
        SignalType.ALERT,
        EvidenceFamily.ALERT,
        feature,
        score,
        1,
        0,
        Evidence.Direction.NEW,
        T,
        T,
        feature);
  }

  private static Evidence metric(Resource r, String feature, double score) {
    return new Evidence(
        r,
        SignalType.METRIC,
        EvidenceFamily.legacy(SignalType.METRIC, feature),
        feature,
        score,
        1,
        0,
        Evidence.Direction.UP,
        T,
        T,
        feature);
  }

  private static GraphEdge instanceOf(String instance, String service) {
    return new GraphEdge(
        EntityRef.instance(instance),
        EntityRef.service(service),
        GraphEdge.Kind.INSTANCE_OF,
        0,
        0,
        0,
        T,
        false);
  }

  private static List<RootCause> rank(
      List<Evidence> evidence, EntityGraph graph, AlertHistory history) {
    return new EvidenceGraphRanker()
        .rank(new RankingInput(evidence, List.of(), T - 60_000, graph, T, T + 60_000, history));
  }

  @Test
  void newAlertsOutrankAlertsThatKeepFiring() {
    Resource noisy = new Resource("cart", "cart-0", "node-1");
    Resource quiet = new Resource("email", "email-0", "node-2");
    List<Evidence> ev =
        List.of(
            alert(noisy, "memory", 40),
            alert(noisy, "threads", 40),
            alert(quiet, "cpu", 12),
            alert(quiet, "disk", 12));
    Map<String, Integer> seen = Map.of("instance:cart-0|memory", 3, "instance:cart-0|threads", 2);
    AlertHistory history = (entity, feature) -> seen.getOrDefault(entity + "|" + feature, 0);

    List<RootCause> withHistory = rank(ev, EntityGraph.empty(), history);
    assertThat(withHistory.get(0).entity()).isEqualTo("email");

    List<RootCause> without = rank(ev, EntityGraph.empty(), AlertHistory.none());
    assertThat(without.get(0).entity()).isEqualTo("cart");
  }

  @Test
  void alertNoveltyFallsWithTheSquareOfEarlierFirings() {
    Resource r = Resource.ofService("cart");
    List<Evidence> one = List.of(alert(r, "memory", 12));
    double fresh = EvidenceGraphRanker.alertStrength(one, AlertHistory.none());
    double seenOnce =
        EvidenceGraphRanker.alertStrength(one, (e, f) -> AlertHistory.ANY_ENTITY.equals(e) ? 0 : 1);
    assertThat(fresh).isCloseTo(Math.log1p(12), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(seenOnce).isCloseTo(fresh / 4, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void anAlertThatFiresAcrossTheSystemCountsLessWhereverItFires() {
    List<Evidence> one = List.of(alert(Resource.ofService("cart"), "latency", 12));
    double fresh = EvidenceGraphRanker.alertStrength(one, AlertHistory.none());
    double common =
        EvidenceGraphRanker.alertStrength(one, (e, f) -> AlertHistory.ANY_ENTITY.equals(e) ? 3 : 0);
    assertThat(common).isCloseTo(fresh / 4, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void evidenceConcentratedOnOneInstanceOfAReplicatedServiceBlamesThatInstance() {
    EntityGraph graph =
        EntityGraph.of(
            List.of(
                instanceOf("cart-0", "cart"),
                instanceOf("cart-1", "cart"),
                instanceOf("cart-2", "cart")));
    Resource pod = new Resource("cart", "cart-1", "node-1");
    List<RootCause> ranking =
        rank(
            List.of(metric(pod, "cpu", 50), metric(pod, "memory", 30)), graph, AlertHistory.none());
    assertThat(ranking.get(0).entity()).isEqualTo("cart-1");
    assertThat(ranking.get(0).kind()).isEqualTo(EntityKind.INSTANCE);
    assertThat(ranking.get(0).service()).isEqualTo("cart");
    assertThat(ranking.get(1).entity()).isEqualTo("cart");
    assertThat(ranking.get(1).score()).isLessThan(ranking.get(0).score());
  }

  @Test
  void evidenceSpreadOverInstancesBlamesTheService() {
    EntityGraph graph =
        EntityGraph.of(
            List.of(
                instanceOf("cart-0", "cart"),
                instanceOf("cart-1", "cart"),
                instanceOf("cart-2", "cart")));
    List<Evidence> ev = new ArrayList<>();
    for (String pod : List.of("cart-0", "cart-1", "cart-2")) {
      ev.add(metric(new Resource("cart", pod, "node-1"), "latency", 50));
    }
    List<RootCause> ranking = rank(ev, graph, AlertHistory.none());
    assertThat(ranking.get(0).entity()).isEqualTo("cart");
    assertThat(ranking.get(0).kind()).isEqualTo(EntityKind.SERVICE);
  }

  @Test
  void aCallerWhoseCalleeShowsTroubleWithinAMinuteAfterItIsTakenForASymptom() {
    EntityGraph graph =
        EntityGraph.of(
            List.of(
                new GraphEdge(
                    EntityRef.service("web"),
                    EntityRef.service("db"),
                    GraphEdge.Kind.CALLS,
                    10,
                    0,
                    0,
                    T,
                    false)));
    Evidence caller = metric(Resource.ofService("web"), "latency", 50);
    Evidence callee =
        new Evidence(
            Resource.ofService("db"),
            SignalType.METRIC,
            EvidenceFamily.METRIC_LATENCY,
            "latency",
            50,
            1,
            0,
            Evidence.Direction.UP,
            T + 30_000,
            T + 30_000,
            "latency");
    List<RootCause> ranking = rank(List.of(caller, callee), graph, AlertHistory.none());
    assertThat(ranking).extracting(RootCause::entity).containsExactly("db", "web");
    assertThat(ranking.get(1).explanation()).contains("inherit trouble from db");
  }

  @Test
  void aCalleeIsNotTheCauseOfItsCallersSlowNetworkWhenItHasOnlyTheSmallerShareOfIt() {
    EntityGraph graph =
        EntityGraph.of(
            List.of(
                new GraphEdge(
                    EntityRef.service("recommend"),
                    EntityRef.service("catalog"),
                    GraphEdge.Kind.CALLS,
                    10,
                    0,
                    0,
                    T,
                    false)));
    String network = "network time of its calls (by trace)";
    // recommend's every call edge is slow and catalog's other callers are fine: the larger share of
    // the slow edge went to recommend, the smaller to catalog
    List<Evidence> ev =
        List.of(
            of(Resource.ofService("recommend"), SignalType.TRACE, network, 500),
            of(Resource.ofService("catalog"), SignalType.TRACE, network, 250));
    List<RootCause> ranking = rank(ev, graph, AlertHistory.none());
    assertThat(ranking).extracting(RootCause::entity).containsExactly("recommend", "catalog");
    assertThat(ranking.get(0).explanation()).doesNotContain("inherit");
    assertThat(ranking.get(0).score())
        .isCloseTo(
            EvidenceGraphRanker.strength(ev.subList(0, 1), Map.of(), AlertHistory.none()),
            org.assertj.core.data.Offset.offset(1e-3));
    // a callee whose network is where the trouble is (it has the larger share) explains its caller
    List<Evidence> delayedCallee =
        List.of(
            of(Resource.ofService("recommend"), SignalType.TRACE, network, 250),
            of(Resource.ofService("recommend"), SignalType.TRACE, "latency of GetProduct", 250),
            of(Resource.ofService("catalog"), SignalType.TRACE, network, 500));
    List<RootCause> delayed = rank(delayedCallee, graph, AlertHistory.none());
    assertThat(delayed).extracting(RootCause::entity).containsExactly("catalog", "recommend");
    assertThat(delayed.get(1).explanation()).contains("inherit trouble from catalog");
  }

  private static Evidence of(Resource r, SignalType signal, String feature, double score) {
    return new Evidence(
        r,
        signal,
        EvidenceFamily.legacy(signal, feature),
        feature,
        score,
        1,
        0,
        Evidence.Direction.UP,
        T,
        T,
        feature);
  }

  @Test
  void independentLinesOfEvidenceOutweighManyReadingsOfOneLatency() {
    Resource faulty = Resource.ofService("route");
    Resource slow = Resource.ofService("train");
    List<Evidence> ev =
        List.of(
            of(faulty, SignalType.TRACE, "latency of SELECT route", 17),
            of(faulty, SignalType.LOG, "expected log lines missing (by span)", 7),
            of(faulty, SignalType.LOG, "error log lines", 6),
            of(slow, SignalType.TRACE, "latency of GET /trains/{name}", 98),
            of(slow, SignalType.TRACE, "latency of TrainController.byName", 60),
            of(slow, SignalType.TRACE, "latency of SELECT train_type", 40),
            of(slow, SignalType.TRACE, "mean span latency", 12));
    List<RootCause> ranking = rank(ev, EntityGraph.empty(), AlertHistory.none());
    assertThat(ranking).extracting(RootCause::entity).containsExactly("route", "train");
    double corroborated =
        EvidenceGraphRanker.strength(ev.subList(0, 3), Map.of(), AlertHistory.none());
    assertThat(corroborated)
        .isCloseTo(
            Math.log1p(17)
                + EvidenceGraphRanker.CORROBORATION_WEIGHT * (Math.log1p(7) + Math.log1p(6)),
            org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void severalCandidatesOnOneTroubledNodeAreTakenForItsSymptoms() {
    Resource node = new Resource(null, null, "node-1");
    Resource cart = new Resource("cart", "cart-0", "node-1");
    Resource email = new Resource("email", "email-0", "node-1");
    Resource ads = new Resource("ads", "ads-0", "node-2");
    Evidence nodeCpu = metric(node, "node_cpu_usage", 20);
    List<Evidence> ev =
        List.of(
            nodeCpu,
            metric(cart, "latency", 40),
            metric(email, "latency", 30),
            metric(ads, "latency", 10));
    List<RootCause> ranking = rank(ev, EntityGraph.empty(), AlertHistory.none());
    assertThat(ranking.get(0).entity()).isEqualTo("node-1");
    assertThat(ranking.get(0).kind()).isEqualTo(EntityKind.NODE);
    assertThat(ranking.get(1).explanation()).contains("inherit trouble from node-1");

    // one troubled pod on a troubled node is as likely its own fault: no discount
    List<RootCause> alone =
        rank(
            List.of(nodeCpu, metric(cart, "latency", 40), metric(ads, "latency", 10)),
            EntityGraph.empty(),
            AlertHistory.none());
    assertThat(alone.get(0).entity()).isEqualTo("cart");
  }

  @Test
  void aServiceWithOneInstanceIsReportedAsTheService() {
    EntityGraph graph = EntityGraph.of(List.of(instanceOf("cart-0", "cart")));
    List<RootCause> ranking =
        rank(
            List.of(metric(new Resource("cart", "cart-0", "node-1"), "cpu", 50)),
            graph,
            AlertHistory.none());
    assertThat(ranking).extracting(RootCause::entity).containsExactly("cart");
  }
}
