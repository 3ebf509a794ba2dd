package dev.culprit.app.notify;

import dev.culprit.app.feedback.FeedbackLinks;
import dev.culprit.model.Incident;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

  /**
   * A dispatcher with one running delivery per destination, sharing one HTTP client (no redirects,
   * the options' request timeout to connect) and the system clock, and a lifecycle with the
   * defaults of {@link Lifecycle#defaults} but {@code updates}.
   */
  public static Dispatcher start(
      List<Destination> destinations,
      Function<TargetKind, Renderer> renderers,
      Lifecycle.Updates updates,
      String feedbackBaseUrl,
      DeliveryOptions options,
      DeadLetters deadLetters) {
    return start(destinations, renderers, updates, feedbackBaseUrl, null, options, deadLetters);
  }

  /** As the other {@code start}, with feedback links signed by {@code links} (may be null). */
  public static Dispatcher start(
      List<Destination> destinations,
      Function<TargetKind, Renderer> renderers,
      Lifecycle.Updates updates,
      String feedbackBaseUrl,
      FeedbackLinks links,
      DeliveryOptions options,
      DeadLetters deadLetters) {
    return start(
        destinations,
        renderers,
        updates,
        feedbackBaseUrl,
        links,
        options,
        deadLetters,
        NotifyObserver.NONE);
  }

  /** As the other {@code start}, reporting each delivery's outcomes to {@code observer}. */
  public static Dispatcher start(
      List<Destination> destinations,
      Function<TargetKind, Renderer> renderers,
      Lifecycle.Updates updates,
      String feedbackBaseUrl,
      FeedbackLinks links,
      DeliveryOptions options,
      DeadLetters deadLetters,
      NotifyObserver observer) {
    Sleeper clock = Sleeper.system();
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(options.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    List<Delivery> deliveries = new ArrayList<>();
    for (Destination d : destinations) {
      deliveries.add(Delivery.start(d, renderers, options, clock, deadLetters, client, observer));
    }
    return new Dispatcher(
        new Lifecycle(updates, 100_000, Duration.ofHours(1), clock, feedbackBaseUrl, links),
        deliveries);
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
