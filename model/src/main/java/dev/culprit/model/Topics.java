package dev.culprit.model;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic registry. Canonical signal topics are keyed by {@link EntityRef#key()}; incidents by
 * incident id; graph edges by {@link GraphEdge#key()}; feedback by the incident id it is about.
 */
public final class Topics {
  private static final Serde<String> KEY = Serdes.String();

  public static final Topic<String, Alert> ALERTS =
      new Topic<>("culprit.alerts", KEY, JsonSerde.of(Alert.class));
  public static final Topic<String, MetricSample> METRICS =
      new Topic<>("culprit.metrics", KEY, JsonSerde.of(MetricSample.class));
  public static final Topic<String, LogEvent> LOGS =
      new Topic<>("culprit.logs", KEY, JsonSerde.of(LogEvent.class));
  public static final Topic<String, Span> SPANS =
      new Topic<>("culprit.spans", KEY, JsonSerde.of(Span.class));
  public static final Topic<String, Trigger> TRIGGERS =
      new Topic<>("culprit.triggers", KEY, JsonSerde.of(Trigger.class));
  public static final Topic<String, Evidence> EVIDENCE =
      new Topic<>("culprit.evidence", KEY, JsonSerde.of(Evidence.class));
  public static final Topic<String, GraphEdge> GRAPH =
      new Topic<>("culprit.graph", KEY, JsonSerde.of(GraphEdge.class));

  /**
   * The graph as Culprit checked it, read by the incident stage: the edges the graph stage learns,
   * and the readable records others write to {@code culprit.graph} (declared topology). Only
   * Culprit writes it.
   */
  public static final Topic<String, GraphEdge> GRAPH_CHECKED =
      new Topic<>("culprit.graph.checked", KEY, JsonSerde.of(GraphEdge.class));

  public static final Topic<String, Incident> INCIDENTS =
      new Topic<>("culprit.incidents", KEY, JsonSerde.of(Incident.class));
  public static final Topic<String, Feedback> FEEDBACK =
      new Topic<>("culprit.feedback", KEY, JsonSerde.of(Feedback.class));

  /** Evidence that a suppression rule held back, with its decision; keyed like the evidence. */
  public static final Topic<String, Evidence> SUPPRESSED =
      new Topic<>("culprit.suppressed", KEY, JsonSerde.of(Evidence.class));

  /** Notifications Culprit gave up delivering; keyed by incident id. */
  public static final Topic<String, FailedNotification> NOTIFY_DLQ =
      new Topic<>("culprit.notify.dlq", KEY, JsonSerde.of(FailedNotification.class));

  /**
   * What the notifier last told each destination about each incident (version, status, top causes,
   * the chat message to edit), so a restart neither announces twice nor loses an update. Compacted;
   * keyed by {@link NotifierState#key()}; a tombstone when the incident is forgotten.
   */
  public static final Topic<String, NotifierState> NOTIFIER_STATE =
      new Topic<>("culprit.notifier-state", KEY, JsonSerde.of(NotifierState.class), true);

  public static final Topic<byte[], byte[]> DLQ =
      new Topic<>("culprit.dlq", Serdes.ByteArray(), Serdes.ByteArray());

  private Topics() {}

  /** Every topic Culprit reads or writes, for topic creation. */
  public static List<Topic<?, ?>> all() {
    return List.of(
        ALERTS,
        METRICS,
        LOGS,
        SPANS,
        TRIGGERS,
        EVIDENCE,
        SUPPRESSED,
        GRAPH,
        GRAPH_CHECKED,
        INCIDENTS,
        FEEDBACK,
        NOTIFY_DLQ,
        NOTIFIER_STATE,
        DLQ);
  }

  /** The canonical signal topics that ingest writes and the pipeline reads. */
  public static List<Topic<String, ? extends Signal>> signals() {
    return List.of(ALERTS, METRICS, LOGS, SPANS);
  }
}
