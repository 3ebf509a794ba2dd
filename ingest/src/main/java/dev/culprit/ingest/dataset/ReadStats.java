package dev.culprit.ingest.dataset;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters shared by the readers of one {@link SignalSource}: bytes consumed and rows skipped. A
 * skipped row is logged as a warning with its file and line the first time per file.
 */
public final class ReadStats {
  private static final Logger LOG = LoggerFactory.getLogger(ReadStats.class);

  private final Set<String> warned = new HashSet<>();
  private long bytesRead;
  private long skippedRows;

  /** Counts bytes consumed from an underlying file. */
  public void addBytes(long n) {
    bytesRead += n;
  }

  public long bytesRead() {
    return bytesRead;
  }

  public long skippedRows() {
    return skippedRows;
  }

  /** Counts a row that yields no signal because it is malformed. */
  public void skipRow(String file, long line, String reason) {
    skippedRows++;
    if (warned.add(file)) {
      LOG.warn(
          "Skipping malformed row at {}:{} ({}); further ones in this file are only counted",
          file,
          line,
          reason);
    }
  }
}
