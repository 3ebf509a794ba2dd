package dev.culprit.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclaredTopologyTest {
  @TempDir Path dir;

  @Test
  void readsServicesCallsDataFlowInstancesAndHosts() throws Exception {
    Path f = dir.resolve("topology.yaml");
    Files.writeString(
        f,
        """
        services:
          frontend:
            calls: [cart, checkout]
            instances: [frontend-1]
          cart:
            calls: [redis-cart]
            data: [redis-cart]
        backing: [redis-cart]
        hosts:
          node-1: [frontend-1]
        """);
    EntityGraph g = EntityGraph.of(DeclaredTopology.read(f));
    assertThat(g.callees(EntityRef.service("frontend")))
        .containsExactlyInAnyOrder(EntityRef.service("cart"), EntityRef.service("checkout"));
    EntityRef redis = new EntityRef(EntityKind.BACKING, "redis-cart");
    assertThat(g.callees(EntityRef.service("cart"))).containsExactly(redis);
    assertThat(g.neighbours(EntityRef.service("cart"), GraphEdge.Kind.DATA_FLOW, true))
        .containsExactly(redis);
    assertThat(g.serviceOf(EntityRef.instance("frontend-1")))
        .isEqualTo(EntityRef.service("frontend"));
    assertThat(g.hosts(EntityRef.instance("frontend-1"))).containsExactly(EntityRef.node("node-1"));
    assertThat(g.edges()).hasSize(6).allMatch(GraphEdge::declared);
  }

  @Test
  void aFileThatIsNotAMappingIsAClearError() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "- just\n- a list\n");
    assertThatThrownBy(() -> DeclaredTopology.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a YAML mapping");
  }
}
