package dev.culprit.ingest.faultalerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeGraphTest {
  @TempDir Path dir;

  @Test
  void declaresEachEdgeOnceWithKindsAndBackingEntities() throws IOException {
    FaultAlertsDataset d = FaultAlertsDataset.open(MiniFaultAlerts.dataset(dir, "", "", ""));

    EntityRef frontend = EntityRef.service("frontend");
    EntityRef cart = EntityRef.service("cartservice");
    EntityRef redis = new EntityRef(EntityKind.BACKING, "redis-cart");
    EntityRef cart0 = EntityRef.instance("cartservice2-0");
    EntityRef front0 = EntityRef.instance("frontend-0");
    EntityRef redis0 = EntityRef.instance("redis-cart-0");
    assertThat(d.declaredGraph())
        .containsExactly(
            declared(frontend, cart, GraphEdge.Kind.CALLS),
            declared(cart, redis, GraphEdge.Kind.DATA_FLOW),
            declared(
                frontend, new EntityRef(EntityKind.BACKING, "catalog"), GraphEdge.Kind.DATA_FLOW),
            declared(cart0, cart, GraphEdge.Kind.INSTANCE_OF),
            declared(front0, frontend, GraphEdge.Kind.INSTANCE_OF),
            declared(redis0, redis, GraphEdge.Kind.INSTANCE_OF),
            declared(cart0, EntityRef.node("node-1"), GraphEdge.Kind.HOSTED_ON),
            declared(front0, EntityRef.node("node-2"), GraphEdge.Kind.HOSTED_ON),
            declared(redis0, EntityRef.node("node-2"), GraphEdge.Kind.HOSTED_ON));
    assertThat(d.declaredEntities())
        .containsExactly(
            cart,
            frontend,
            cart0,
            front0,
            redis0,
            EntityRef.node("node-1"),
            EntityRef.node("node-2"),
            new EntityRef(EntityKind.BACKING, "catalog"),
            redis);
  }

  @Test
  void typesNodesByTheirDeclaredType() {
    assertThat(KnowledgeGraphReader.kindOfType("Service")).isEqualTo(EntityKind.SERVICE);
    assertThat(KnowledgeGraphReader.kindOfType("Service_Instance")).isEqualTo(EntityKind.INSTANCE);
    assertThat(KnowledgeGraphReader.kindOfType("Cache_Instance")).isEqualTo(EntityKind.INSTANCE);
    assertThat(KnowledgeGraphReader.kindOfType("Host")).isEqualTo(EntityKind.NODE);
    assertThat(KnowledgeGraphReader.kindOfType("Database")).isEqualTo(EntityKind.BACKING);
    assertThat(KnowledgeGraphReader.kindOfType("Cache")).isEqualTo(EntityKind.BACKING);
    assertThat(KnowledgeGraphReader.kindOfType("Coordination Manager"))
        .isEqualTo(EntityKind.BACKING);
  }

  @Test
  void withoutAGraphTypesByNameAndStillReadsAlerts() throws IOException {
    MiniFaultAlerts.write(dir, "label.csv", MiniFaultAlerts.LABELS);
    MiniFaultAlerts.write(
        dir,
        "metric/metrics.json",
        """
        {"0": [["1000", "cartservice-1", null, "cpu", "up"]]}
        """);

    FaultAlertsDataset d = FaultAlertsDataset.open(dir);

    assertThat(d.declaredGraph()).isEmpty();
    assertThat(d.faults().get(1).truthService()).isEqualTo("cartservice2");
    try (var source = d.open()) {
      assertThat(source.next().entity()).isEqualTo(EntityRef.instance("cartservice-1"));
    }
  }

  private static GraphEdge declared(EntityRef source, EntityRef target, GraphEdge.Kind kind) {
    return new GraphEdge(source, target, kind, 0, 0, 0, 0, true);
  }
}
