package dev.culprit.ingest.dataset;

import dev.culprit.model.Signal;
import java.util.Iterator;

/** An iterator of signals in non-decreasing event time, with progress, that must be closed. */
public interface SignalSource extends Iterator<Signal>, AutoCloseable {
  long bytesRead();

  long totalBytes();

  @Override
  void close();
}
