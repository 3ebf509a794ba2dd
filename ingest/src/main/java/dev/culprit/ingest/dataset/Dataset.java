package dev.culprit.ingest.dataset;

import java.io.IOException;
import java.util.List;

/** A labelled, replayable dataset. */
public interface Dataset {
  String name();

  List<FaultLabel> faults();

  SignalSource open() throws IOException;
}
