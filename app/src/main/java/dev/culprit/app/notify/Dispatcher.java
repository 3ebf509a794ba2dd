package dev.culprit.app.notify;

import dev.culprit.model.Incident;
import java.util.List;
import java.util.Optional;

/**
 * Runs each incident version through the {@link Lifecycle} and hands a due notification to every
 * destination whose route wants it. Returns once all are queued; no Kafka, no I/O. Not thread-safe:
 * one consumer thread calls it.
 */
public final class Dispatcher {
  private final Lifecycle lifecycle;
  private final List<Delivery> deliveries;

  public Dispatcher(Lifecycle lifecycle, List<Delivery> deliveries) {
    this.lifecycle = lifecycle;
    this.deliveries = List.copyOf(deliveries);
  }

  /** The notification dispatched for {@code incident}, if one was due. */
  public Optional<Notification> dispatch(Incident incident) {
    Optional<Notification> n = lifecycle.next(incident);
    n.ifPresent(
        notification -> {
          for (Delivery d : deliveries) {
            if (d.wants(notification)) {
              d.offer(notification);
            }
          }
        });
    return n;
  }

  /** The deliveries, one per destination. */
  public List<Delivery> deliveries() {
    return deliveries;
  }
}
