package dev.culprit.web;

import dev.culprit.model.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * The latest version of each recent incident, for the web pages: at most {@code capacity}
 * incidents, the least recently updated dropped first. An older version than the one held is
 * ignored. Thread-safe; {@link #subscribe()} hands each accepted version to live views.
 */
public final class IncidentBoard {
  /** How many incidents the pages show by default. */
  public static final int DEFAULT_CAPACITY = 1000;

  private static final int SUBSCRIBER_QUEUE = 256;

  private final int capacity;
  private final LinkedHashMap<String, Incident> latest = new LinkedHashMap<>(16, 0.75f, false);
  private final Set<Subscription> subscribers = new CopyOnWriteArraySet<>();

  public IncidentBoard(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("Invalid capacity: " + capacity);
    }
    this.capacity = capacity;
  }

  /** A board of {@link #DEFAULT_CAPACITY} incidents. */
  public IncidentBoard() {
    this(DEFAULT_CAPACITY);
  }

  /** Holds {@code i} when it is newer than the version held; returns whether it was. */
  public boolean accept(Incident i) {
    synchronized (latest) {
      Incident held = latest.get(i.id());
      if (held != null && held.version() >= i.version()) {
        return false;
      }
      latest.remove(i.id());
      latest.put(i.id(), i);
      Iterator<Map.Entry<String, Incident>> oldest = latest.entrySet().iterator();
      while (latest.size() > capacity) {
        oldest.next();
        oldest.remove();
      }
    }
    subscribers.forEach(s -> s.offer(i));
    return true;
  }

  /** The incidents held, most recently updated first. */
  public List<Incident> list() {
    List<Incident> all;
    synchronized (latest) {
      all = new ArrayList<>(latest.values());
    }
    all.sort(Comparator.comparingLong(Incident::updatedAt).reversed().thenComparing(Incident::id));
    return all;
  }

  /** The latest version of incident {@code id}, if held. */
  public Optional<Incident> get(String id) {
    synchronized (latest) {
      return Optional.ofNullable(latest.get(id));
    }
  }

  /** How many incidents are held. */
  public int size() {
    synchronized (latest) {
      return latest.size();
    }
  }

  /** A live view of the versions accepted from now on; close it when done. */
  public Subscription subscribe() {
    Subscription s = new Subscription();
    subscribers.add(s);
    return s;
  }

  /**
   * Versions accepted since it was opened. A subscriber that falls {@value #SUBSCRIBER_QUEUE}
   * versions behind loses the oldest ones; {@link #lagged()} says so, and the view should reload.
   */
  public final class Subscription implements AutoCloseable {
    private final BlockingQueue<Incident> queue = new ArrayBlockingQueue<>(SUBSCRIBER_QUEUE);
    private volatile boolean lagged;

    private Subscription() {}

    private void offer(Incident i) {
      while (!queue.offer(i)) {
        lagged = true;
        queue.poll();
      }
    }

    /** The next version within {@code timeout}, or null. */
    public Incident poll(Duration timeout) throws InterruptedException {
      return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether versions were lost because this subscriber fell behind. */
    public boolean lagged() {
      return lagged;
    }

    @Override
    public void close() {
      subscribers.remove(this);
    }
  }
}
