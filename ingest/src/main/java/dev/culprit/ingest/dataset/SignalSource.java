package dev.culprit.ingest.dataset;

import dev.culprit.model.Signal;
import java.util.Iterator;

/** An iterator of signals in non-decreasing event time, with progress, that must be closed. */
public interface SignalSource extends Iterator<Signal>, AutoCloseable {

  /** Bytes of the underlying files consumed so far. */
  long bytesRead();

  /** Bytes of all the underlying files; {@link #bytesRead()} reaches it at the end. */
  long totalBytes();

  /** Rows of the underlying files that were malformed and skipped so far. */
  default long skippedRows() {
    return 0;
  }

  @Override
  void close();
}
