package dev.culprit.notify;

import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.model.Incident;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Notifies from incidents handed to it directly rather than read from Kafka: what a replay uses,
 * where the incidents come from the replay itself. Notifications that cannot be delivered are
 * logged by their {@link Delivery} (there may be no broker for {@code culprit.notify.dlq}) and
 * counted here.
 */
public final class LocalNotifier implements AutoCloseable {
  private final Dispatcher dispatcher;
  private final AtomicInteger failures;
  private int sent;

  private LocalNotifier(Dispatcher dispatcher, AtomicInteger failures) {
    this.dispatcher = dispatcher;
    this.failures = failures;
  }

  /** Starts one delivery worker per destination. */
  public static LocalNotifier start(
      List<Destination> destinations,
      Function<TargetKind, Renderer> renderers,
      Lifecycle.Updates updates,
      String feedbackBaseUrl,
      FeedbackLinks links,
      DeliveryOptions options) {
    AtomicInteger failures = new AtomicInteger();
    DeadLetters counted = f -> failures.incrementAndGet();
    return new LocalNotifier(
        Dispatcher.start(
            destinations, renderers, updates, feedbackBaseUrl, links, options, counted),
        failures);
  }

  /** Hands an incident version over; returns at once. */
  public synchronized void accept(Incident incident) {
    sent += dispatcher.dispatch(incident).size();
  }

  /** Notifications handed to the destinations so far (one per destination). */
  public synchronized int notifications() {
    return sent;
  }

  /** Notifications given up on so far. */
  public int failures() {
    return failures.get();
  }

  /** Notifications still waiting in the destinations' queues. */
  public int pending() {
    return dispatcher.deliveries().stream().mapToInt(Delivery::pending).sum();
  }

  /** Waits up to {@code timeout} for the queues to drain; what is left is given up on. */
  public void close(Duration timeout) {
    for (Delivery d : dispatcher.deliveries()) {
      d.close(timeout);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
