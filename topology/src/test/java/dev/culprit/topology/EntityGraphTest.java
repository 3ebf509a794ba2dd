package dev.culprit.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityGraphTest {
  private static final EntityRef A = EntityRef.service("a");
  private static final EntityRef B = EntityRef.service("b");
  private static final EntityRef C = EntityRef.service("c");

  @Test
  void learnedEdgesExpireDeclaredOnesStay() {
    EntityGraph g =
        EntityGraph.of(
            List.of(
                new GraphEdge(A, B, GraphEdge.Kind.CALLS, 5, 0, 10, 1_000, false),
                new GraphEdge(B, C, GraphEdge.Kind.CALLS, 5, 0, 10, 9_000, false),
                new GraphEdge(A, C, GraphEdge.Kind.CALLS, 0, 0, 0, 0, true)));
    EntityGraph fresh = g.withoutEdgesSeenBefore(5_000);
    assertThat(fresh.callees(A)).containsExactly(C);
    assertThat(fresh.callees(B)).containsExactly(C);
    assertThat(fresh.edges()).hasSize(2);
    assertThat(g.edges()).hasSize(3);
  }

  @Test
  void duplicateObservationsOfAnEdgeAreSummed() {
    EntityGraph g =
        EntityGraph.of(
            List.of(
                new GraphEdge(A, B, GraphEdge.Kind.CALLS, 2, 1, 10, 1_000, false),
                new GraphEdge(A, B, GraphEdge.Kind.CALLS, 3, 0, 20, 2_000, false)));
    GraphEdge e = g.edges().iterator().next();
    assertThat(e.calls()).isEqualTo(5);
    assertThat(e.errors()).isEqualTo(1);
    assertThat(e.totalLatencyMicros()).isEqualTo(30);
    assertThat(e.lastSeen()).isEqualTo(2_000);
  }
}
