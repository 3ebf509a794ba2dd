package dev.culprit.correlation.incident;

import dev.culprit.correlation.rank.AlertHistory;
import dev.culprit.model.Evidence;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The minutes in which each alert fired, per scope, entity and alert, kept for a bounded history
 * (store {@code incidents-alert-history-v1}): the {@link AlertHistory} rankers read. Key {@code
 * scope|entity|feature}, and {@code scope|*|feature} for the minutes it fired on any entity.
 */
final class AlertMinutes {
  static final long MINUTE = 60_000;
  private final KeyValueStore<String, Minutes> store;
  private final long historyMillis;
  private long lastSweep = Long.MIN_VALUE;

  /** The minutes (epoch minute numbers) an alert fired, ascending, without repeats. */
  record Minutes(List<Long> at) {
    Minutes {
      at = at == null ? List.of() : List.copyOf(at);
    }
  }

  AlertMinutes(KeyValueStore<String, Minutes> store, long historyMillis) {
    this.store = store;
    this.historyMillis = historyMillis;
  }

  /** Records an alert's minute; other evidence is ignored. */
  void record(String scope, Evidence e) {
    if (e.signal() != SignalType.ALERT) {
      return;
    }
    long minute = Math.floorDiv(e.time(), MINUTE);
    add(key(scope, e.entity().key(), e.feature()), minute);
    add(key(scope, AlertHistory.ANY_ENTITY, e.feature()), minute);
  }

  private void add(String key, long minute) {
    Minutes m = store.get(key);
    List<Long> at = new ArrayList<>(m == null ? List.of() : m.at());
    if (at.contains(minute)) {
      return;
    }
    long oldest = minute - historyMillis / MINUTE;
    at.removeIf(t -> t < oldest);
    at.add(minute);
    at.sort(null);
    store.put(key, new Minutes(at));
  }

  /**
   * Drops keys whose latest minute left the history, at most once per history length of event time,
   * so entities that stopped alerting do not stay in the store.
   */
  void sweep(long now) {
    if (now - lastSweep < historyMillis) {
      return;
    }
    lastSweep = now;
    long oldest = Math.floorDiv(now - historyMillis, MINUTE);
    List<String> stale = new ArrayList<>();
    try (KeyValueIterator<String, Minutes> it = store.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value == null || kv.value.at().isEmpty() || kv.value.at().getLast() < oldest) {
              stale.add(kv.key);
            }
          });
    }
    stale.forEach(store::delete);
  }

  /** The history before {@code from}, as rankers see it. */
  AlertHistory before(String scope, long from) {
    long end = Math.floorDiv(from, MINUTE);
    long start = end - historyMillis / MINUTE;
    return (entity, feature) -> count(key(scope, entity, feature), start, end);
  }

  private int count(String key, long start, long end) {
    Minutes m = store.get(key);
    if (m == null) {
      return 0;
    }
    int n = 0;
    for (long t : m.at()) {
      if (t >= start && t < end) {
        n++;
      }
    }
    return n;
  }

  private static String key(String scope, String entity, String feature) {
    return scope + "|" + entity + "|" + feature;
  }
}
