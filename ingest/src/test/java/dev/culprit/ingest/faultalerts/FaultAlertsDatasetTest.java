package dev.culprit.ingest.faultalerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.model.Alert;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Json;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the real fault-alerts-ob-cloudbed-1 set found via {@code -Dculprit.datasets} (else {@code
 * ../../shared/datasets} from the module directory); skipped when it is absent.
 */
class FaultAlertsDatasetTest {
  private static final String SET = "fault-alerts-ob-cloudbed-1";

  private static Path dir;
  private static FaultAlertsDataset dataset;
  private static List<Alert> alerts;

  @BeforeAll
  static void openDataset() throws IOException {
    dir = datasetsDir().resolve(SET);
    Assumptions.assumeTrue(
        Files.isRegularFile(dir.resolve("label.csv")),
        "dataset not found at " + dir + ": skipping");
    dataset = FaultAlertsDataset.open(dir);
    alerts = new ArrayList<>();
    try (SignalSource source = dataset.open()) {
      while (source.hasNext()) {
        Signal s = source.next();
        assertThat(s).isInstanceOf(Alert.class);
        alerts.add((Alert) s);
      }
      assertThat(source.bytesRead()).isEqualTo(source.totalBytes()).isEqualTo(4_055_771L);
      assertThat(source.skippedRows()).isZero();
    }
  }

  @Test
  void labelsSeventyFaultsAtThreeLevels() {
    List<FaultLabel> faults = dataset.faults();
    assertThat(faults).hasSize(70);
    assertThat(countBy(faults, f -> f.truth().kind()))
        .isEqualTo(Map.of("SERVICE", 25L, "INSTANCE", 19L, "NODE", 26L));
    assertThat(faults.getFirst())
        .isEqualTo(
            new FaultLabel(
                "0",
                Instant.parse("2022-03-20T00:39:11Z").toEpochMilli(),
                EntityRef.service("cartservice"),
                "cartservice",
                "container network latency"));
    assertThat(faults.get(2))
        .isEqualTo(
            new FaultLabel(
                "2",
                1_647_738_546_000L,
                EntityRef.instance("shippingservice-1"),
                "shippingservice",
                "container read I/O load"));
    assertThat(faults.getLast().truth()).isEqualTo(EntityRef.node("node-4"));
    assertThat(faults.getLast().truthService()).isNull();
    assertThat(faults).isSortedAccordingTo((a, b) -> Long.compare(a.time(), b.time()));
    assertThat(dataset.name()).isEqualTo("fault-alerts/" + SET);
  }

  @Test
  void replaysEveryAlertInNonDecreasingTime() {
    assertThat(alerts).hasSize(18_779);
    assertThat(countBy(alerts, a -> a.labels().get("source")))
        .isEqualTo(Map.of("log", 727L, "metric", 5_090L, "trace", 12_962L));
    assertThat(countBy(alerts, a -> a.labels().get("source") + "/" + a.severity()))
        .isEqualTo(
            Map.of(
                "log/ERROR",
                188L,
                "log/WARNING",
                539L,
                "metric/WARNING",
                5_090L,
                "trace/ERROR",
                1L,
                "trace/WARNING",
                12_961L));
    assertThat(alerts).isSortedAccordingTo((a, b) -> Long.compare(a.time(), b.time()));
    assertThat(dataset.duplicateAlerts()).isZero();
    assertThat(dataset.skippedEntries()).isZero();
  }

  @Test
  void timesLogAlertsByTheirFirstLineInTheExportsClock() {
    List<Alert> logs = alerts.stream().filter(a -> a.labels().get("source").equals("log")).toList();
    Alert first = logs.getFirst();
    assertThat(first.name()).isEqualTo("log template 82");
    assertThat(first.resource()).isEqualTo(new Resource("redis-cart", "redis-cart-0", "node-6"));
    assertThat(Instant.ofEpochMilli(first.time())).isEqualTo(Instant.parse("2022-03-20T00:42:51Z"));
    assertThat(Instant.ofEpochMilli(logs.getLast().time()))
        .isEqualTo(Instant.parse("2022-03-21T14:19:58Z"));
  }

  @Test
  void typesAlertEntitiesByTheKnowledgeGraph() {
    assertThat(countBy(alerts, a -> a.entity().kind()))
        .isEqualTo(Map.of("SERVICE", 141L, "INSTANCE", 18_228L, "NODE", 410L));
    assertThat(alerts.getFirst())
        .isEqualTo(
            new Alert(
                new Resource("productcatalogservice", "productcatalogservice-1", "node-6"),
                1_647_736_751_093L,
                1_647_736_751_093L,
                "trace|frontend-2|productcatalogservice-1"
                    + "|hipstershop.ProductCatalogService/ListProducts (rpc)|PD",
                "trace latency",
                Alert.Severity.WARNING,
                Alert.Status.FIRING,
                Map.of(
                    "caller", "frontend-2",
                    "callee", "productcatalogservice-1",
                    "operation", "hipstershop.ProductCatalogService/ListProducts (rpc)",
                    "type", "PD",
                    "source", "trace"),
                Map.of()));
  }

  @Test
  void declaresTheKnowledgeGraphOnceInEachDirection() throws IOException {
    JsonNode kg = Json.mapper().readTree(dir.resolve("kg.json").toFile());
    Map<String, Long> labels = new TreeMap<>();
    kg.path("edges").forEach(e -> labels.merge(e.path("label").asText(), 1L, Long::sum));
    assertThat(labels)
        .isEqualTo(
            Map.of(
                "control_flow",
                14L,
                "data_flow",
                2L,
                "has_instance",
                42L,
                "hosted_on",
                42L,
                "hosts",
                42L,
                "instance_of",
                42L));
    List<GraphEdge> edges = dataset.declaredGraph();
    assertThat(countBy(edges, GraphEdge::kind))
        .isEqualTo(
            Map.of(
                "CALLS",
                labels.get("control_flow"),
                "INSTANCE_OF",
                labels.get("instance_of"),
                "HOSTED_ON",
                labels.get("hosted_on"),
                "DATA_FLOW",
                labels.get("data_flow")));
    assertThat(edges).allMatch(GraphEdge::declared);
    assertThat(kg.path("nodes").size()).isEqualTo(60);
    assertThat(countBy(dataset.declaredEntities(), EntityRef::kind))
        .isEqualTo(Map.of("SERVICE", 10L, "INSTANCE", 42L, "NODE", 6L, "BACKING", 2L));
    assertThat(edges)
        .contains(
            new GraphEdge(
                EntityRef.service("cartservice"),
                new EntityRef(EntityKind.BACKING, "redis-cart"),
                GraphEdge.Kind.DATA_FLOW,
                0,
                0,
                0,
                0,
                true));
  }

  private static <T> Map<String, Long> countBy(List<T> items, Function<T, ?> key) {
    return items.stream()
        .collect(
            Collectors.groupingBy(
                t -> String.valueOf(key.apply(t)), TreeMap::new, Collectors.counting()));
  }

  private static Path datasetsDir() {
    String configured = System.getProperty("culprit.datasets");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of("../../shared/datasets").toAbsolutePath().normalize();
  }
}
