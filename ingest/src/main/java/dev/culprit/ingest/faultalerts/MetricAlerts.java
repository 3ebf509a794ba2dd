package dev.culprit.ingest.faultalerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Alert;
import java.util.Locale;
import java.util.Map;

/**
 * Metric alert entries, {@code [ts_ms, component, host_or_null, kpi, "up"|"down"]}: an alert named
 * after the KPI about the component (a service, an instance on the host, or a node), labelled
 * {@code kpi}, {@code direction} and {@code source=metric}, severity WARNING.
 */
final class MetricAlerts implements EntryMapper {
  private final KnowledgeGraph graph;
  private final Clock clock;

  MetricAlerts(KnowledgeGraph graph, Clock clock) {
    this.graph = graph;
    this.clock = clock;
  }

  @Override
  public Alert map(JsonNode entry, String faultId) {
    Entries.array(entry, 5);
    long time = clock.millis(Entries.text(entry, 0));
    String component = Entries.text(entry, 1);
    String host = Entries.optionalText(entry, 2);
    String kpi = Entries.text(entry, 3);
    String direction = Entries.text(entry, 4).toLowerCase(Locale.ROOT);
    if (!direction.equals("up") && !direction.equals("down")) {
      throw new IllegalArgumentException("Invalid direction: " + direction);
    }
    return new Alert(
        graph.resource(component, host),
        time,
        time,
        "metric|" + component + "|" + kpi + "|" + direction,
        kpi,
        Alert.Severity.WARNING,
        Alert.Status.FIRING,
        Map.of("kpi", kpi, "direction", direction, "source", "metric"),
        Map.of());
  }
}
