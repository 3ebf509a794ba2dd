package dev.culprit.ingest.dataset;

import dev.culprit.model.Signal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/** The signals of another cursor, read whole and stably sorted by time. */
final class SortedCursor implements SignalCursor {
  private final Iterator<Signal> signals;

  private SortedCursor(List<Signal> signals) {
    this.signals = signals.iterator();
  }

  /** Reads {@code source} to its end, closes it and returns its signals sorted by time. */
  static SortedCursor drain(SignalCursor source) throws IOException {
    List<Signal> all = new ArrayList<>();
    try (source) {
      for (Signal s = source.next(); s != null; s = source.next()) {
        all.add(s);
      }
    }
    all.sort(Comparator.comparingLong(Signal::time));
    return new SortedCursor(all);
  }

  @Override
  public Signal next() {
    return signals.hasNext() ? signals.next() : null;
  }

  @Override
  public void close() {}
}
