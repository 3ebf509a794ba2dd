package dev.culprit.correlation.rank;

import static dev.culprit.correlation.rank.RankerFixtures.edge;
import static dev.culprit.correlation.rank.RankerFixtures.evidence;
import static dev.culprit.correlation.rank.RankerFixtures.input;
import static dev.culprit.correlation.rank.RankerFixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertCountRankerTest {
  private final AlertCountRanker ranker = new AlertCountRanker();

  @Test
  void theEntityWithMostEvidenceComesFirstWhateverTheScores() {
    Resource cart = Resource.ofService("cart");
    Resource email = Resource.ofService("email");
    List<RootCause> ranking =
        ranker.rank(
            input(
                List.of(
                    metric(email, "cpu", 900),
                    metric(cart, "cpu", 2),
                    evidence(cart, SignalType.LOG, "error", 2),
                    evidence(cart, SignalType.ALERT, "down", 2)),
                List.of()));

    assertThat(ranking).extracting(RootCause::entity).containsExactly("cart", "email");
    assertThat(ranking).extracting(RootCause::score).containsExactly(3.0, 1.0);
    assertThat(ranking.get(0).explanation())
        .isEqualTo("service cart: 3 evidence items (1 metric, 1 log, 1 alert), summed score 6.0");
  }

  @Test
  void equalCountsAreOrderedBySummedScoreThenByName() {
    List<RootCause> ranking =
        ranker.rank(
            input(
                List.of(
                    metric(Resource.ofService("b"), "cpu", 3),
                    metric(Resource.ofService("c"), "cpu", 5),
                    metric(Resource.ofService("a"), "cpu", 3)),
                List.of()));

    assertThat(ranking).extracting(RootCause::entity).containsExactly("c", "a", "b");
  }

  @Test
  void instanceEvidenceCountsForItsServiceAndNodeEvidenceForTheNode() {
    Resource pod0 = new Resource("cart", "cart-0", "node-1");
    Resource pod1 = new Resource(null, "cart-1", null);
    GraphEdge member =
        edge(EntityRef.instance("cart-1"), EntityRef.service("cart"), GraphEdge.Kind.INSTANCE_OF);
    List<RootCause> ranking =
        ranker.rank(
            input(
                List.of(
                    metric(pod0, "memory", 4),
                    metric(pod1, "memory", 4),
                    metric(Resource.ofNode("node-1"), "disk", 4),
                    metric(new Resource(null, "orphan-0", null), "cpu", 1)),
                List.of(member)));

    assertThat(ranking)
        .extracting(RootCause::ref)
        .containsExactly(
            EntityRef.service("cart"), EntityRef.node("node-1"), EntityRef.instance("orphan-0"));
    assertThat(ranking.get(0).service()).isEqualTo("cart");
    assertThat(ranking.get(0).evidence()).hasSize(2);
    assertThat(ranking.get(1).kind()).isEqualTo(EntityKind.NODE);
    assertThat(ranking.get(1).service()).isNull();
  }

  @Test
  void showsAtMostFiveEvidenceItemsStrongestFirstAndAtMostLimitCandidates() {
    Resource cart = Resource.ofService("cart");
    List<RootCause> ranking =
        new AlertCountRanker(1)
            .rank(
                input(
                    List.of(
                        metric(cart, "a", 1),
                        metric(cart, "b", 7),
                        metric(cart, "c", 3),
                        metric(cart, "d", 9),
                        metric(cart, "e", 2),
                        metric(cart, "f", 5),
                        metric(Resource.ofService("email"), "cpu", 1)),
                    List.of()));

    assertThat(ranking).hasSize(1);
    assertThat(ranking.get(0).score()).isEqualTo(6.0);
    assertThat(ranking.get(0).evidence())
        .extracting(e -> e.feature())
        .containsExactly("d", "b", "f", "c", "e");
  }

  @Test
  void noEvidenceNoRanking() {
    assertThat(ranker.rank(input(List.of(), List.of()))).isEmpty();
    assertThat(ranker.name()).isEqualTo("count");
    assertThatThrownBy(() -> new AlertCountRanker(0)).hasMessage("Invalid limit: 0");
  }
}
