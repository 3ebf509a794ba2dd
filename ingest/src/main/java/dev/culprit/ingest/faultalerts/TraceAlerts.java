package dev.culprit.ingest.faultalerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Alert;
import java.util.Locale;
import java.util.Map;

/**
 * Trace alert entries, {@code [ts_ms, caller, callee, operation, "PD"|"4xx"|"5xx"]}: an alert about
 * the callee, named {@code trace latency} (severity WARNING) for a latency anomaly (PD) or {@code
 * trace error 4xx}/{@code trace error 5xx} (severity ERROR) for an HTTP status, labelled {@code
 * caller}, {@code callee}, {@code operation}, {@code type} and {@code source=trace}.
 */
final class TraceAlerts implements EntryMapper {
  private final KnowledgeGraph graph;
  private final Clock clock;

  TraceAlerts(KnowledgeGraph graph, Clock clock) {
    this.graph = graph;
    this.clock = clock;
  }

  @Override
  public Alert map(JsonNode entry, String faultId) {
    Entries.array(entry, 5);
    long time = clock.millis(Entries.text(entry, 0));
    String caller = Entries.text(entry, 1);
    String callee = Entries.text(entry, 2);
    String operation = Entries.text(entry, 3);
    String type = Entries.text(entry, 4).toUpperCase(Locale.ROOT);
    String name = name(type);
    return new Alert(
        graph.resource(callee, null),
        time,
        time,
        "trace|" + caller + "|" + callee + "|" + operation + "|" + type,
        name,
        name.equals(LATENCY) ? Alert.Severity.WARNING : Alert.Severity.ERROR,
        Alert.Status.FIRING,
        Map.of(
            "caller",
            caller,
            "callee",
            callee,
            "operation",
            operation,
            "type",
            type,
            "source",
            "trace"),
        Map.of());
  }

  static final String LATENCY = "trace latency";

  /** The alert name of a trace anomaly type: PD, or an HTTP status 4xx or 5xx. */
  static String name(String type) {
    if (type.equals("PD")) {
      return LATENCY;
    }
    if (type.length() == 3 && (type.charAt(0) == '4' || type.charAt(0) == '5')) {
      return "trace error " + type.charAt(0) + "xx";
    }
    throw new IllegalArgumentException("Invalid trace anomaly type: " + type);
  }
}
