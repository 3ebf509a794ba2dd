package dev.culprit.ingest.dataset;

import dev.culprit.model.GraphEdge;
import dev.culprit.model.Signal;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A dataset cut off at a moment: only its signals and faults before {@code until}. Training on the
 * first part of a labelled set and replaying the rest keeps the scored faults out of the model.
 */
public final class TimeSlice implements Dataset {
  private final Dataset whole;
  private final long until;

  public TimeSlice(Dataset whole, long until) {
    this.whole = whole;
    this.until = until;
  }

  @Override
  public String name() {
    return whole.name() + " (before " + java.time.Instant.ofEpochMilli(until) + ")";
  }

  @Override
  public List<FaultLabel> faults() {
    return whole.faults().stream().filter(f -> f.time() < until).toList();
  }

  @Override
  public List<GraphEdge> declaredGraph() {
    return whole.declaredGraph();
  }

  @Override
  public SignalSource open() throws IOException {
    SignalSource all = whole.open();
    return new SignalSource() {
      private Signal next = advance();

      private Signal advance() {
        if (all.hasNext()) {
          Signal s = all.next();
          if (s.time() < until) {
            return s;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Signal next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Signal s = next;
        next = advance();
        return s;
      }

      @Override
      public long bytesRead() {
        return next == null ? all.totalBytes() : all.bytesRead();
      }

      @Override
      public long totalBytes() {
        return all.totalBytes();
      }

      @Override
      public long skippedRows() {
        return all.skippedRows();
      }

      @Override
      public void close() {
        all.close();
      }
    };
  }
}
