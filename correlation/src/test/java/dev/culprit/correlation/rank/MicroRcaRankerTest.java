package dev.culprit.correlation.rank;

import static dev.culprit.correlation.rank.RankerFixtures.calls;
import static dev.culprit.correlation.rank.RankerFixtures.edge;
import static dev.culprit.correlation.rank.RankerFixtures.input;
import static dev.culprit.correlation.rank.RankerFixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicroRcaRankerTest {
  private final MicroRcaRanker ranker = new MicroRcaRanker();

  @Test
  void twoEquallyAnomalousServicesTheCalleeGetsTheWalk() {
    // restart 1/2 each, damping d = 0.85, b dangling (restarts):
    // a = (1-d)/2 + d*b/2, b = (1-d)/2 + d*a + d*b/2  =>  a = 0.350877, b = 0.649123
    List<RootCause> ranking =
        ranker.rank(
            input(
                List.of(
                    metric(Resource.ofService("a"), "latency", 5),
                    metric(Resource.ofService("b"), "latency", 5)),
                List.of(calls("a", "b"))));

    assertThat(ranking).extracting(RootCause::entity).containsExactly("b", "a");
    assertThat(ranking.get(0).score()).isCloseTo(0.649123, within(1e-5));
    assertThat(ranking.get(1).score()).isCloseTo(0.350877, within(1e-5));
  }

  @Test
  void inACallChainScoresAccumulateAtTheDeepestAnomalousCallee() {
    List<RootCause> ranking =
        ranker.rank(
            input(
                List.of(
                    metric(Resource.ofService("frontend"), "latency", 20),
                    metric(Resource.ofService("orders"), "latency", 20),
                    metric(Resource.ofService("db"), "latency", 20)),
                List.of(calls("frontend", "orders"), calls("orders", "db"))));

    assertThat(ranking).extracting(RootCause::entity).containsExactly("db", "orders", "frontend");
  }

  @Test
  void withoutEdgesTheRankingFollowsTheAnomalyScores() {
    List<RootCause> ranking =
        ranker.rank(
            input(
                List.of(
                    metric(Resource.ofService("quiet"), "cpu", 3),
                    metric(Resource.ofService("loud"), "cpu", 300)),
                List.of()));

    assertThat(ranking).extracting(RootCause::entity).containsExactly("loud", "quiet");
    double loud = Math.log1p(300);
    double quiet = Math.log1p(3);
    assertThat(ranking.get(0).score()).isCloseTo(loud / (loud + quiet), within(1e-5));
  }

  @Test
  void healthyNeighboursTakeNoShareOfTheWalk() {
    List<RootCause> ranking =
        ranker.rank(
            input(
                List.of(metric(Resource.ofService("a"), "latency", 5)),
                List.of(calls("a", "healthy"), calls("caller", "a"))));

    assertThat(ranking).extracting(RootCause::entity).containsExactly("a");
    assertThat(ranking.get(0).score()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void podsAreLiftedToTheirServicesSoAnAnomalousHostCollectsItsServicesWalks() {
    EntityRef node = EntityRef.node("node-1");
    List<GraphEdge> edges =
        List.of(
            edge(
                EntityRef.instance("cart-0"),
                EntityRef.service("cart"),
                GraphEdge.Kind.INSTANCE_OF),
            edge(EntityRef.instance("ads-0"), EntityRef.service("ads"), GraphEdge.Kind.INSTANCE_OF),
            edge(EntityRef.instance("cart-0"), node, GraphEdge.Kind.HOSTED_ON),
            edge(EntityRef.instance("ads-0"), node, GraphEdge.Kind.HOSTED_ON));
    List<RootCause> ranking =
        ranker.rank(
            input(
                List.of(
                    metric(new Resource(null, "cart-0", null), "latency", 5),
                    metric(new Resource(null, "ads-0", null), "latency", 5),
                    metric(Resource.ofNode("node-1"), "cpu", 5)),
                edges));

    assertThat(ranking)
        .extracting(RootCause::ref)
        .containsExactly(node, EntityRef.service("ads"), EntityRef.service("cart"));
    assertThat(ranking.get(1).service()).isEqualTo("ads");
    assertThat(ranking.get(0).explanation())
        .startsWith("node node-1: PageRank")
        .contains("anomalous subgraph of 3 entities");
  }

  @Test
  void noEvidenceNoRanking() {
    assertThat(ranker.rank(input(List.of(), List.of(calls("a", "b"))))).isEmpty();
    assertThat(ranker.name()).isEqualTo("microrca");
  }
}
