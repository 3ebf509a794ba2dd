package dev.culprit.ingest.dataset;

import dev.culprit.model.Signal;
import java.io.Closeable;
import java.io.IOException;

/** A pull reader of the signals of one part of a dataset, in non-decreasing time. */
public interface SignalCursor extends Closeable {

  /** The next signal, or null when exhausted. */
  Signal next() throws IOException;
}
