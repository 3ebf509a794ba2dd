package dev.culprit.ingest.faultalerts;

import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.model.Alert;
import dev.culprit.model.Signal;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A replay of alerts already read and sorted. Progress is reported as the share of the dataset's
 * bytes proportional to the alerts emitted.
 */
final class AlertSource implements SignalSource {
  private final List<Alert> alerts;
  private final long totalBytes;
  private final long skipped;
  private int next;

  AlertSource(List<Alert> alerts, long totalBytes, long skipped) {
    this.alerts = alerts;
    this.totalBytes = totalBytes;
    this.skipped = skipped;
  }

  @Override
  public boolean hasNext() {
    return next < alerts.size();
  }

  @Override
  public Signal next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return alerts.get(next++);
  }

  @Override
  public long bytesRead() {
    return alerts.isEmpty() || next == alerts.size()
        ? totalBytes
        : Math.round((double) totalBytes * next / alerts.size());
  }

  @Override
  public long totalBytes() {
    return totalBytes;
  }

  @Override
  public long skippedRows() {
    return skipped;
  }

  @Override
  public void close() {
    next = alerts.size();
  }
}
