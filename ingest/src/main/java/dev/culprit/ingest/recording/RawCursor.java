package dev.culprit.ingest.recording;

import java.io.Closeable;
import java.io.IOException;

/** A pull reader of the records of one partition, in offset order. */
public interface RawCursor extends Closeable {

  /** The next record, or null when exhausted. */
  RawRecord next() throws IOException;
}
