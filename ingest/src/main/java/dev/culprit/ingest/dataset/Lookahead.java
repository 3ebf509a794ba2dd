package dev.culprit.ingest.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator over items that {@link #advance} reads one at a time from files or topics: the next
 * item is read when {@link #hasNext} is first asked, and an {@link IOException} surfaces as an
 * {@link UncheckedIOException}. The merging sources of datasets and recordings share it.
 *
 * @param <T> the items
 */
public abstract class Lookahead<T> implements Iterator<T> {
  private T next;

  /** The next item, or null when there are no more. */
  protected abstract T advance() throws IOException;

  /** Forgets an item read ahead (when the source is closed). */
  protected final void forget() {
    next = null;
  }

  @Override
  public final boolean hasNext() {
    if (next == null) {
      try {
        next = advance();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T item = next;
    next = null;
    return item;
  }
}
