package dev.culprit.ingest.dataset;

import java.io.IOException;

/**
 * One part of a dataset, typically a file, merged with the others by {@link MergedSignalSource}. It
 * is opened only when the merge reaches {@link #notBefore()}, the earliest event time its signals
 * may have; a signal earlier than that may arrive too late to be merged in order.
 */
public interface SourcePart {

  /** A name for messages, such as the file path. */
  String name();

  /** The earliest event time (epoch millis) of the part's signals. */
  long notBefore();

  /** The size of the part in bytes, for progress. */
  long bytes() throws IOException;

  /** Opens the part; its cursor yields signals in non-decreasing time. */
  SignalCursor open(ReadStats stats) throws IOException;
}
