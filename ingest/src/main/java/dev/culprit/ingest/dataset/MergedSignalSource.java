package dev.culprit.ingest.dataset;

import dev.culprit.model.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A k-way merge of the signals of many {@link SourcePart}s into one stream in non-decreasing event
 * time. Ties go to the part listed first. A part is opened only once the merge reaches its {@link
 * SourcePart#notBefore()} and closed when exhausted.
 *
 * <p>Two repairs keep the output clean: a signal earlier than one already emitted (its part broke
 * its promises) is dropped and counted as late, and a signal equal to one already emitted at the
 * same time by another part (overlapping exports of the same data) is dropped and counted as a
 * duplicate. I/O errors surface as {@link UncheckedIOException} from {@link #hasNext()}.
 */
public final class MergedSignalSource extends Lookahead<Signal> implements SignalSource {
  private static final Logger LOG = LoggerFactory.getLogger(MergedSignalSource.class);

  private static final int SMALL_MAP = 8;

  private final List<SourcePart> parts;
  private final ReadStats stats = new ReadStats();
  private final PriorityQueue<Integer> pending;
  private final PriorityQueue<Head> heads =
      new PriorityQueue<>(Comparator.comparingLong(Head::time).thenComparingInt(Head::part));
  private final Set<Integer> warnedLate = new HashSet<>();
  private final long totalBytes;
  private Map<Signal, Integer> emittedAtWatermark = new HashMap<>();
  private long watermark = Long.MIN_VALUE;
  private long lateSignals;
  private long duplicateSignals;

  /** Merges {@code parts}; reads only their sizes until iterated. */
  public MergedSignalSource(List<? extends SourcePart> parts) throws IOException {
    this.parts = List.copyOf(parts);
    long total = 0;
    for (SourcePart p : this.parts) {
      total += p.bytes();
    }
    this.totalBytes = total;
    this.pending =
        new PriorityQueue<>(
            Comparator.comparingLong((Integer i) -> this.parts.get(i).notBefore())
                .thenComparingInt(i -> i));
    for (int i = 0; i < this.parts.size(); i++) {
      pending.add(i);
    }
  }

  @Override
  protected Signal advance() throws IOException {
    while (true) {
      openDueParts();
      Head head = heads.poll();
      if (head == null) {
        return null;
      }
      Signal s = head.signal();
      pull(head.part(), head.cursor());
      if (accept(s, head.part())) {
        return s;
      }
    }
  }

  /** Opens every pending part that may hold a signal at or before the earliest open head. */
  private void openDueParts() throws IOException {
    while (!pending.isEmpty()) {
      Head top = heads.peek();
      int next = pending.peek();
      if (top != null && parts.get(next).notBefore() > top.time()) {
        return;
      }
      pending.poll();
      pull(next, parts.get(next).open(stats));
    }
  }

  private void pull(int part, SignalCursor cursor) throws IOException {
    Signal s = cursor.next();
    if (s == null) {
      cursor.close();
    } else {
      heads.add(new Head(s, part, cursor));
    }
  }

  private boolean accept(Signal s, int part) {
    if (s.time() < watermark) {
      lateSignals++;
      if (warnedLate.add(part)) {
        LOG.warn(
            "Dropping signals of {} earlier than already emitted ones", parts.get(part).name());
      }
      return false;
    }
    if (s.time() > watermark) {
      watermark = s.time();
      forgetEmitted();
    }
    Integer first = emittedAtWatermark.putIfAbsent(s, part);
    if (first != null && first != part) {
      duplicateSignals++;
      return false;
    }
    return true;
  }

  /** Clears the signals seen at the watermark; a big map is replaced, as clearing one is slow. */
  private void forgetEmitted() {
    if (emittedAtWatermark.size() > SMALL_MAP) {
      emittedAtWatermark = new HashMap<>();
    } else {
      emittedAtWatermark.clear();
    }
  }

  @Override
  public long bytesRead() {
    return stats.bytesRead();
  }

  @Override
  public long totalBytes() {
    return totalBytes;
  }

  @Override
  public long skippedRows() {
    return stats.skippedRows();
  }

  /** Signals dropped because their part yielded them after later ones had been emitted. */
  public long lateSignals() {
    return lateSignals;
  }

  /** Signals dropped as equal to one emitted at the same time by another part. */
  public long duplicateSignals() {
    return duplicateSignals;
  }

  @Override
  public void close() {
    List<IOException> failures = new ArrayList<>();
    for (Head h : heads) {
      try {
        h.cursor().close();
      } catch (IOException e) {
        failures.add(e);
      }
    }
    heads.clear();
    pending.clear();
    forget();
    if (!failures.isEmpty()) {
      LOG.warn("Failed to close {} part(s): {}", failures.size(), failures.getFirst().toString());
    }
  }

  private record Head(Signal signal, int part, SignalCursor cursor) {
    long time() {
      return signal.time();
    }
  }
}
