package dev.culprit.notify;

import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.model.Incident;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs each incident version through one {@link Lifecycle} per destination and hands a due
 * notification to each destination whose route wants it. Each lifecycle knows what its destination
 * was told, starts from what the destination's delivery recorded before (a restart), and what it
 * forgets the delivery forgets too. Returns once all are queued; no Kafka, no I/O. Not thread-safe:
 * one consumer thread calls it.
 */
public final class Dispatcher {
  private final List<Delivery> deliveries;
  private final List<Lifecycle> lifecycles = new ArrayList<>();

  /**
   * @param template the settings of each destination's lifecycle ({@link Lifecycle#fresh()})
   * @param deliveries one per destination
   */
  public Dispatcher(Lifecycle template, List<Delivery> deliveries) {
    this.deliveries = List.copyOf(deliveries);
    for (Delivery d : this.deliveries) {
      Lifecycle l = template.fresh();
      d.remembered().forEach(l::restore);
      l.forgotten().forEach(d::forget);
      lifecycles.add(l);
    }
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
    return start(
        destinations,
        renderers,
        updates,
        feedbackBaseUrl,
        links,
        options,
        deadLetters,
        observer,
        NotifierStates.inMemory());
  }

  /**
   * As the other {@code start}, with what each destination was told kept in (and restored from)
   * {@code states}.
   */
  public static Dispatcher start(
      List<Destination> destinations,
      Function<TargetKind, Renderer> renderers,
      Lifecycle.Updates updates,
      String feedbackBaseUrl,
      FeedbackLinks links,
      DeliveryOptions options,
      DeadLetters deadLetters,
      NotifyObserver observer,
      NotifierStates states) {
    Sleeper clock = Sleeper.system();
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(options.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    List<Delivery> deliveries = new ArrayList<>();
    for (Destination d : destinations) {
      deliveries.add(
          Delivery.start(d, renderers, options, clock, deadLetters, client, observer, states));
    }
    return new Dispatcher(
        new Lifecycle(updates, 100_000, Duration.ofHours(1), clock, feedbackBaseUrl, links),
        deliveries);
  }

  /** The notifications queued for {@code incident}, one per destination it was due for. */
  public List<Notification> dispatch(Incident incident) {
    return dispatch(incident, () -> {});
  }

  /**
   * The notifications queued for {@code incident}, one per destination it was due for; {@code
   * settled} runs once every one of them has been delivered or given up on (at once when none was
   * due).
   */
  public List<Notification> dispatch(Incident incident, Runnable settled) {
    List<Notification> due = new ArrayList<>();
    List<Delivery> to = new ArrayList<>();
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery d = deliveries.get(i);
      Lifecycle l = lifecycles.get(i);
      Optional<Notification> n = l.due(incident).filter(d::wants);
      n.ifPresent(
          notification -> {
            l.announced(notification);
            due.add(notification);
            to.add(d);
          });
      l.forgotten().forEach(d::forget);
    }
    if (due.isEmpty()) {
      settled.run();
      return List.of();
    }
    AtomicInteger left = new AtomicInteger(due.size());
    Runnable one =
        () -> {
          if (left.decrementAndGet() == 0) {
            settled.run();
          }
        };
    for (int i = 0; i < due.size(); i++) {
      to.get(i).offer(due.get(i), one);
    }
    return List.copyOf(due);
  }

  /** The deliveries, one per destination. */
  public List<Delivery> deliveries() {
    return deliveries;
  }
}
