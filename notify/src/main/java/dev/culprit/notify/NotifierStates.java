package dev.culprit.notify;

import dev.culprit.model.NotifierState;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What each destination was last told about each incident, in memory and, through its {@link Sink},
 * in {@code culprit.notifier-state}: a delivery records each version it delivered (with the chat
 * message later ones edit), and the dispatcher forgets incidents its lifecycles forget. Restored on
 * start, it tells each destination's lifecycle where it stood. Thread-safe.
 */
public final class NotifierStates implements AutoCloseable {
  /** Where states are written. */
  interface Sink extends AutoCloseable {
    /**
     * Writes {@code state} under {@code key} (null: a tombstone) and runs {@code written} once it
     * is durable or has failed for good.
     */
    void write(String key, NotifierState state, Runnable written);

    /** Waits until every write so far has run its callback. */
    void flush();

    @Override
    void close();
  }

  private static final Sink MEMORY =
      new Sink() {
        @Override
        public void write(String key, NotifierState state, Runnable written) {
          written.run();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private final Map<String, Map<String, NotifierState>> byDestination = new HashMap<>();
  private final Sink sink;

  NotifierStates(Collection<NotifierState> restored, Sink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
    for (NotifierState s : restored) {
      byDestination.computeIfAbsent(s.destination(), d -> new HashMap<>()).put(s.incidentId(), s);
    }
  }

  /** States kept in memory only (a replay, tests). */
  public static NotifierStates inMemory() {
    return new NotifierStates(List.of(), MEMORY);
  }

  /** What {@code destination} was last told about {@code incidentId}, if anything. */
  public synchronized Optional<NotifierState> last(String destination, String incidentId) {
    Map<String, NotifierState> m = byDestination.get(destination);
    return Optional.ofNullable(m == null ? null : m.get(incidentId));
  }

  /** Every state of {@code destination}, oldest first. */
  public synchronized List<NotifierState> of(String destination) {
    return byDestination.getOrDefault(destination, Map.of()).values().stream()
        .sorted(Comparator.comparingLong(NotifierState::time))
        .toList();
  }

  /** How many states are kept, over all destinations. */
  public synchronized int size() {
    return byDestination.values().stream().mapToInt(Map::size).sum();
  }

  /** Records {@code s}; runs {@code written} once it is durable. */
  public synchronized void record(NotifierState s, Runnable written) {
    byDestination.computeIfAbsent(s.destination(), d -> new HashMap<>()).put(s.incidentId(), s);
    sink.write(s.key(), s, written);
  }

  /** Forgets what {@code destination} was told about {@code incidentId} (a tombstone). */
  public synchronized void forget(String destination, String incidentId) {
    Map<String, NotifierState> m = byDestination.get(destination);
    if (m != null && m.remove(incidentId) != null) {
      sink.write(NotifierState.key(destination, incidentId), null, () -> {});
    }
  }

  /** Waits until every state recorded so far is durable. */
  public void flush() {
    sink.flush();
  }

  @Override
  public void close() {
    sink.close();
  }
}
