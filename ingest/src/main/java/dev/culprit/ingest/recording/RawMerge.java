package dev.culprit.ingest.recording;

import dev.culprit.ingest.dataset.Lookahead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the records of several partitions into one stream the way Kafka Streams reads its input:
 * next comes the partition head with the lowest timestamp, ties to the partition listed first; each
 * partition's records stay in offset order, whatever their timestamps. Only records that {@code
 * keep} accepts are returned. It holds one record per partition; cursors are closed when exhausted
 * and by {@link #close()}. I/O errors surface as {@link UncheckedIOException}.
 */
public final class RawMerge extends Lookahead<RawRecord> implements RawSource {
  private static final Logger LOG = LoggerFactory.getLogger(RawMerge.class);

  private final PriorityQueue<Head> heads =
      new PriorityQueue<>(
          Comparator.comparingLong((Head h) -> h.record().timestamp())
              .thenComparingInt(Head::index));
  private final List<RawCursor> pending;
  private final Predicate<RawRecord> keep;
  private final LongSupplier consumed;
  private final long total;

  /**
   * A merge of {@code cursors}; progress is {@code consumed} of {@code total} units (0 if unknown).
   */
  public RawMerge(
      List<? extends RawCursor> cursors,
      Predicate<RawRecord> keep,
      LongSupplier consumed,
      long total) {
    this.pending = new ArrayList<>(cursors);
    this.keep = keep;
    this.consumed = consumed;
    this.total = total;
  }

  @Override
  protected RawRecord advance() throws IOException {
    for (int i = 0; i < pending.size(); i++) {
      pull(i, pending.get(i));
    }
    pending.clear();
    while (true) {
      Head head = heads.poll();
      if (head == null) {
        return null;
      }
      pull(head.index(), head.cursor());
      if (keep.test(head.record())) {
        return head.record();
      }
    }
  }

  private void pull(int index, RawCursor cursor) throws IOException {
    RawRecord r = cursor.next();
    if (r == null) {
      cursor.close();
    } else {
      heads.add(new Head(r, index, cursor));
    }
  }

  @Override
  public long bytesRead() {
    return consumed.getAsLong();
  }

  @Override
  public long totalBytes() {
    return total;
  }

  @Override
  public void close() {
    List<RawCursor> open = new ArrayList<>(pending);
    heads.forEach(h -> open.add(h.cursor()));
    heads.clear();
    pending.clear();
    forget();
    for (RawCursor c : open) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.warn("Failed to close a partition reader: {}", e.toString());
      }
    }
  }

  private record Head(RawRecord record, int index, RawCursor cursor) {}
}
