package dev.culprit.ingest.recording;

import java.util.Iterator;

/**
 * An iterator of the raw records of a replay, in the order the normalising stage should read them,
 * with progress, that must be closed.
 */
public interface RawSource extends Iterator<RawRecord>, AutoCloseable {

  /** Units of the input consumed so far (bytes of files, or records of topics). */
  long bytesRead();

  /** Units of all the input; {@link #bytesRead()} reaches it at the end (0 when unknown). */
  long totalBytes();

  @Override
  void close();
}
