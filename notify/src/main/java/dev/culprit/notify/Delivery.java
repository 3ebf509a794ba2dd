package dev.culprit.notify;

import dev.culprit.model.FailedNotification;
import dev.culprit.model.Incident;
import dev.culprit.model.NotifierState;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to one destination from its own queue and worker thread, so a slow or dead
 * endpoint never blocks the caller or other destinations. Notifications are sent one at a time in
 * the order offered, so an incident's messages keep their order. Delivery is at least once: a
 * failed send is retried with exponential backoff (or after the destination's {@code Retry-After})
 * until it succeeds, fails permanently, or runs out of attempts or time, and then goes to the
 * {@link DeadLetters} with the reason. Sends are spaced by a token bucket. Each version delivered
 * is recorded in {@link NotifierStates} under the destination's id, with the chat message later
 * versions continue.
 */
public final class Delivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

  private final String name;
  private final String id;
  private final NotifierStates states;
  private final Predicate<Notification> route;
  private final Transport transport;
  private final DeliveryOptions options;
  private final Sleeper sleeper;
  private final DeadLetters deadLetters;
  private final Consumer<NotifyObserver.Outcome> outcomes;
  private final TokenBucket bucket;
  private final BlockingQueue<Item> queue;
  private final Thread worker;
  private volatile boolean closing;
  private volatile boolean keepUnsent;

  /** Set when the drain time is up: nothing new is sent, a send in flight still finishes. */
  private volatile boolean stop;

  /** Whether a request is out (and its outcome not yet recorded). */
  private volatile boolean sending;

  Delivery(
      String name,
      Predicate<Notification> route,
      Transport transport,
      DeliveryOptions options,
      Sleeper sleeper,
      DeadLetters deadLetters) {
    this(name, route, transport, options, sleeper, deadLetters, outcome -> {});
  }

  Delivery(
      String name,
      Predicate<Notification> route,
      Transport transport,
      DeliveryOptions options,
      Sleeper sleeper,
      DeadLetters deadLetters,
      Consumer<NotifyObserver.Outcome> outcomes) {
    this(
        name,
        name,
        NotifierStates.inMemory(),
        route,
        transport,
        options,
        sleeper,
        deadLetters,
        outcomes);
  }

  Delivery(
      String name,
      String id,
      NotifierStates states,
      Predicate<Notification> route,
      Transport transport,
      DeliveryOptions options,
      Sleeper sleeper,
      DeadLetters deadLetters,
      Consumer<NotifyObserver.Outcome> outcomes) {
    this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    this.name = Objects.requireNonNull(name, "name");
    this.id = Objects.requireNonNull(id, "id");
    this.states = Objects.requireNonNull(states, "states");
    this.route = route;
    this.transport = transport;
    this.options = options;
    this.sleeper = sleeper;
    this.deadLetters = deadLetters;
    this.bucket = new TokenBucket(options.ratePerSecond(), options.burst(), sleeper);
    this.queue = new LinkedBlockingQueue<>(options.queueCapacity());
    this.worker = Thread.ofPlatform().name("culprit-notify-" + name).daemon().unstarted(this::run);
    worker.start();
  }

  /**
   * Starts delivery to {@code d}, rendering with the renderer for its kind.
   *
   * @param renderers the renderer for each target kind
   * @param client the HTTP client (its connect timeout applies)
   */
  public static Delivery start(
      Destination d,
      Function<TargetKind, Renderer> renderers,
      DeliveryOptions options,
      Sleeper sleeper,
      DeadLetters deadLetters,
      HttpClient client) {
    return start(d, renderers, options, sleeper, deadLetters, client, NotifyObserver.NONE);
  }

  /** As the other {@code start}, reporting each outcome to {@code observer}. */
  public static Delivery start(
      Destination d,
      Function<TargetKind, Renderer> renderers,
      DeliveryOptions options,
      Sleeper sleeper,
      DeadLetters deadLetters,
      HttpClient client,
      NotifyObserver observer) {
    return start(
        d, renderers, options, sleeper, deadLetters, client, observer, NotifierStates.inMemory());
  }

  /**
   * As the other {@code start}, recording what was delivered in {@code states} (and continuing the
   * chat messages recorded there).
   */
  public static Delivery start(
      Destination d,
      Function<TargetKind, Renderer> renderers,
      DeliveryOptions options,
      Sleeper sleeper,
      DeadLetters deadLetters,
      HttpClient client,
      NotifyObserver observer,
      NotifierStates states) {
    return new Delivery(
        d.name(),
        d.id(),
        states,
        d.route(),
        transport(d, renderers.apply(d.kind()), options, sleeper, client, System.out),
        options,
        sleeper,
        deadLetters,
        outcome -> observer.notification(d.kind(), outcome));
  }

  static Transport transport(
      Destination d,
      Renderer renderer,
      DeliveryOptions options,
      Sleeper sleeper,
      HttpClient client,
      PrintStream out) {
    Objects.requireNonNull(renderer, "no renderer for " + d.kind());
    return switch (d.kind()) {
      case CONSOLE -> new ConsoleTransport(out, renderer);
      case SLACK_BOT ->
          new SlackBotTransport(
              client,
              d.api(),
              d.target(),
              d.channel(),
              d.thread(),
              renderer,
              options.requestTimeout(),
              sleeper);
      default -> new HttpTransport(client, d.target(), renderer, options.requestTimeout(), sleeper);
    };
  }

  /** The destination's name, secrets redacted. */
  public String name() {
    return name;
  }

  /** The destination's stable id, under which its states are kept. */
  public String id() {
    return id;
  }

  /** What this destination was told before, oldest first. */
  List<NotifierState> remembered() {
    return states.of(id);
  }

  /** Forgets what this destination was told about {@code incidentId}. */
  void forget(String incidentId) {
    states.forget(id, incidentId);
  }

  /** Whether this destination wants {@code n} (its route). */
  public boolean wants(Notification n) {
    return route.test(n);
  }

  /**
   * Queues {@code n} and returns at once. When the queue is full or delivery is closing, the
   * notification goes to the dead letters instead and this returns false.
   */
  public boolean offer(Notification n) {
    return offer(n, () -> {});
  }

  /**
   * Queues {@code n} as {@link #offer(Notification)} does, and runs {@code settled} once it has
   * been delivered (and its state recorded) or given up on.
   */
  public boolean offer(Notification n, Runnable settled) {
    if (!closing && queue.offer(new Item(n, settled))) {
      return true;
    }
    dead(n, 0, closing ? "offered after close" : "queue full");
    settled.run();
    return false;
  }

  /** How many notifications wait in the queue. */
  public int pending() {
    return queue.size();
  }

  private void run() {
    try {
      while (!stop && !(closing && queue.isEmpty())) {
        Item item = queue.poll(50, TimeUnit.MILLISECONDS);
        if (item != null) {
          deliver(item.notification(), item.settled());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void deliver(Notification n) throws InterruptedException {
    deliver(n, () -> {});
  }

  private void deliver(Notification n, Runnable settled) throws InterruptedException {
    ChatMessage first = states.last(id, n.incident().id()).map(Delivery::message).orElse(null);
    Instant start = sleeper.now();
    int attempts = 0;
    while (true) {
      try {
        bucket.acquire();
        if (stop) {
          unsent(n, settled, attempts);
          return;
        }
        attempts++;
        sending = true;
        Attempt a = send(n, first);
        switch (a) {
          case Attempt.Sent s -> {
            outcomes.accept(NotifyObserver.Outcome.DELIVERED);
            states.record(state(n, s.posted() != null ? s.posted() : first), settled);
            sending = false;
            return;
          }
          case Attempt.Fail f -> {
            sending = false;
            dead(n, attempts, f.reason());
            settled.run();
            return;
          }
          case Attempt.Retry r -> {
            sending = false;
            if (attempts >= options.maxAttempts()) {
              dead(n, attempts, r.reason());
              settled.run();
              return;
            }
            Duration wait = r.retryAfter() != null ? r.retryAfter() : backoff(attempts);
            Duration spent = Duration.between(start, sleeper.now());
            if (spent.plus(wait).compareTo(options.maxTotal()) > 0) {
              dead(n, attempts, r.reason() + "; no time left to retry");
              settled.run();
              return;
            }
            LOG.debug("Retrying {} to {} in {}: {}", n.idempotencyKey(), name, wait, r.reason());
            outcomes.accept(NotifyObserver.Outcome.RETRIED);
            sleeper.sleep(wait);
          }
        }
      } catch (InterruptedException e) {
        unsent(n, settled, attempts);
        throw e;
      } finally {
        sending = false;
      }
    }
  }

  private NotifierState state(Notification n, ChatMessage first) {
    Incident i = n.incident();
    return new NotifierState(
        id,
        i.id(),
        i.version(),
        i.status(),
        Lifecycle.top(i),
        first == null ? null : first.channel(),
        first == null ? null : first.ts(),
        sleeper.now().toEpochMilli());
  }

  private static ChatMessage message(NotifierState s) {
    return s.channel() == null || s.ts() == null ? null : new ChatMessage(s.channel(), s.ts());
  }

  private Attempt send(Notification n, ChatMessage first) throws InterruptedException {
    try {
      return transport.send(n, first);
    } catch (RuntimeException e) {
      LOG.warn("Cannot send {} to {}: {}", n.idempotencyKey(), name, e.getClass().getName());
      return new Attempt.Fail("cannot send: " + e.getClass().getSimpleName());
    }
  }

  Duration backoff(int attempts) {
    Duration d = options.initialBackoff();
    for (int i = 1; i < attempts && d.compareTo(options.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : d;
  }

  private void dead(Notification n, int attempts, String reason) {
    LOG.warn("Giving up on {} to {}: {}", n.idempotencyKey(), name, reason);
    outcomes.accept(NotifyObserver.Outcome.GAVE_UP);
    deadLetters.accept(
        new FailedNotification(
            name,
            n.idempotencyKey(),
            n.incident().id(),
            n.incident().version(),
            attempts,
            reason,
            sleeper.now().toEpochMilli()));
  }

  /** Stops taking notifications and drains the queue for at most the drain timeout. */
  @Override
  public void close() {
    close(options.drainTimeout());
  }

  /** Stops taking notifications and drains the queue for at most {@code timeout}. */
  public void close(Duration timeout) {
    startClosing();
    awaitClosed(System.nanoTime() + timeout.toNanos());
  }

  void startClosing() {
    closing = true;
  }

  /**
   * Stops taking notifications; those not delivered by {@link #awaitClosed} are then left unsettled
   * (logged, not dead-lettered), for a restart that reads them again to deliver.
   */
  void startClosingKeepingUnsent() {
    keepUnsent = true;
    closing = true;
  }

  private void unsent(Notification n, Runnable settled, int attempts) {
    if (keepUnsent) {
      LOG.info("Leaving {} to {} for the next start", n.idempotencyKey(), name);
      return;
    }
    dead(n, attempts, "not delivered before shutdown");
    settled.run();
  }

  void awaitClosed(long deadlineNanos) {
    try {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        worker.join(Duration.ofNanos(left));
      }
      if (worker.isAlive()) {
        // a request already out is answered (within its timeout) and its outcome recorded, so a
        // restart does not send it again; what waits for the rate limit or a retry stays unsent
        stop = true;
        long until = System.nanoTime() + options.requestTimeout().plusSeconds(1).toNanos();
        while (worker.isAlive() && sending && System.nanoTime() < until) {
          worker.join(Duration.ofMillis(20));
        }
      }
      if (worker.isAlive()) {
        worker.interrupt();
        worker.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Item> left = new ArrayList<>();
    queue.drainTo(left);
    for (Item item : left) {
      unsent(item.notification(), item.settled(), 0);
    }
  }

  private record Item(Notification notification, Runnable settled) {}
}
