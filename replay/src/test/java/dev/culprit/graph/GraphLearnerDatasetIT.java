package dev.culprit.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.ingest.faultalerts.FaultAlertsDataset;
import dev.culprit.ingest.nezha.NezhaDataset;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import dev.culprit.replay.TestDatasets;
import dev.culprit.topology.EntityGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The graph learned from the datasets of {@code ../shared/datasets}, when present. */
class GraphLearnerDatasetIT {

  static Path datasets() {
    return TestDatasets.dir();
  }

  @Test
  void trainTicketCallEdgesAreExactlyTheParentChildServicePairsOfItsTraces() throws Exception {
    Path archive = datasets().resolve("nezha-trainticket-2023-01-29.tar.gz");
    assumeTrue(Files.isRegularFile(archive), "dataset not found at " + archive + ": skipping");
    NezhaDataset ds = NezhaDataset.open(archive);
    EntityGraph graph = GraphLearner.learn(ds);
    Set<List<String>> learned =
        graph.edges().stream()
            .filter(e -> e.kind() == GraphEdge.Kind.CALLS)
            .filter(e -> e.source().kind() == EntityKind.SERVICE)
            .map(e -> List.of(e.source().name(), e.target().name()))
            .collect(Collectors.toSet());
    assertThat(learned).isEqualTo(parentChildServicePairs(ds)).hasSize(55);
    for (EntityRef e : graph.entities()) {
      if (e.kind() == EntityKind.INSTANCE) {
        assertThat(graph.serviceOf(e).kind()).as("service of " + e).isEqualTo(EntityKind.SERVICE);
      }
    }
    long hosted = graph.edges().stream().filter(e -> e.kind() == GraphEdge.Kind.HOSTED_ON).count();
    assertThat(hosted).isEqualTo(27);
    JsonNode json = GraphExport.json(graph);
    assertThat(json.get("nodes")).hasSize(graph.entities().size());
    assertThat(json.get("edges")).hasSize(graph.edges().size());
    assertThat(GraphExport.dot(graph)).startsWith("digraph culprit {").contains("-> \"service:");
  }

  @Test
  void theDeclaredOnlineBoutiqueGraphRoundTrips() throws Exception {
    Path dir = datasets().resolve("fault-alerts-ob-cloudbed-1");
    assumeTrue(Files.isDirectory(dir), "dataset not found at " + dir + ": skipping");
    FaultAlertsDataset ds = FaultAlertsDataset.open(dir);
    EntityGraph graph = GraphLearner.learn(ds);
    assertThat(graph.edges()).containsExactlyInAnyOrderElementsOf(ds.declaredGraph());
    Map<GraphEdge.Kind, Long> kinds =
        graph.edges().stream()
            .collect(Collectors.groupingBy(GraphEdge::kind, Collectors.counting()));
    assertThat(kinds)
        .containsEntry(GraphEdge.Kind.CALLS, 14L)
        .containsEntry(GraphEdge.Kind.DATA_FLOW, 2L)
        .containsEntry(GraphEdge.Kind.INSTANCE_OF, 42L)
        .containsEntry(GraphEdge.Kind.HOSTED_ON, 42L);
    assertThat(graph.edges()).allMatch(GraphEdge::declared);
  }

  /** Pairs (parent service, child service) of spans of one trace, computed independently. */
  private static Set<List<String>> parentChildServicePairs(NezhaDataset ds) throws Exception {
    Map<String, String> serviceOfSpan = new HashMap<>();
    Map<String, String> parentOf = new HashMap<>();
    try (SignalSource source = ds.open()) {
      while (source.hasNext()) {
        Signal s = source.next();
        if (s instanceof Span span) {
          String id = span.traceId() + "/" + span.spanId();
          serviceOfSpan.put(id, span.resource().service());
          if (span.parentSpanId() != null) {
            parentOf.put(id, span.traceId() + "/" + span.parentSpanId());
          }
        }
      }
    }
    Set<List<String>> pairs = new HashSet<>();
    parentOf.forEach(
        (child, parent) -> {
          String p = serviceOfSpan.get(parent);
          String c = serviceOfSpan.get(child);
          if (p != null && !p.equals(c)) {
            pairs.add(List.of(p, c));
          }
        });
    return pairs;
  }
}
