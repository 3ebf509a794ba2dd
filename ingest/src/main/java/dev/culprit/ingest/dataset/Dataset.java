package dev.culprit.ingest.dataset;

import dev.culprit.model.GraphEdge;
import java.io.IOException;
import java.util.List;

/** A labelled, replayable dataset. */
public interface Dataset {

  /** A short name for reports. */
  String name();

  /** The labelled faults, sorted by time. */
  List<FaultLabel> faults();

  /** Opens a fresh replay of every signal of the dataset in non-decreasing event time. */
  SignalSource open() throws IOException;

  /** Topology the dataset declares (learned topology comes from its signals); empty by default. */
  default List<GraphEdge> declaredGraph() {
    return List.of();
  }
}
