package dev.culprit.replay;

import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.Signal;
import dev.culprit.model.Trigger;
import java.util.List;

/** Feeds signals and triggers to a running pipeline and collects the incidents it produces. */
public interface PipelineDriver extends AutoCloseable {

  /** Sends one signal to its canonical topic, keyed by entity, timestamped with its event time. */
  void send(Signal signal);

  /**
   * Sends one raw record to its raw topic (such as {@code otlp_spans}) with its key, headers and
   * Kafka timestamp, for the normalising stage of a pipeline built with one.
   */
  void sendRaw(RawRecord record);

  /** Sends declared topology edges to {@code culprit.graph}. */
  void declare(List<GraphEdge> edges);

  /** Sends a ranking trigger. */
  void trigger(Trigger trigger);

  /** Incident records produced since the last call. */
  List<Incident> drainIncidents();

  /** Waits until everything sent has been processed; returns the remaining incidents. */
  List<Incident> finish();

  /** Evidence items the pipeline has published to {@code culprit.suppressed} so far. */
  long suppressed();

  @Override
  void close();
}
