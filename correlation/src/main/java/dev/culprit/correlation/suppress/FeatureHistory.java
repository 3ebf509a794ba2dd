package dev.culprit.correlation.suppress;

import dev.culprit.model.Evidence;
import java.util.ArrayList;
import java.util.List;

/**
 * What recent history says about an alert or anomaly: how often its entity and feature started in
 * the last hour, in how many minutes of the last four hours it showed, how many entities showed
 * anything in the same two minutes, and whether the very same item was seen before. The same logic
 * runs in the pipeline (over a state store) and in training (over a map), so a model is fitted on
 * exactly the features it is later asked about.
 */
public final class FeatureHistory {
  static final long MINUTE = 60_000;
  static final long FLAP_WINDOW = 60 * MINUTE;
  static final long RECURRENCE_WINDOW = 4 * 60 * MINUTE;
  private static final int MAX_SEEN = 16;
  private static final int MAX_ENTITIES = 500;

  /** Where the history lives: a Kafka Streams store in the pipeline, a map in training. */
  public interface Store {
    Entry get(String key);

    void put(String key, Entry value);

    void delete(String key);

    /** Every key held, for sweeping; the caller may delete while it iterates a copy. */
    List<String> keys();

    /** A store over a map, as training uses. */
    static Store over(java.util.Map<String, Entry> map) {
      return new Store() {
        @Override
        public Entry get(String key) {
          return map.get(key);
        }

        @Override
        public void put(String key, Entry value) {
          map.put(key, value);
        }

        @Override
        public void delete(String key) {
          map.remove(key);
        }

        @Override
        public List<String> keys() {
          return new ArrayList<>(map.keySet());
        }
      };
    }
  }

  /**
   * One stored history entry: for an entity's feature, the minutes it started showing after a quiet
   * minute (in {@code onsets}), the minutes it showed and the recent items' fingerprints; for a
   * minute of a scope, the entities that showed evidence in it (in {@code seen}).
   */
  public record Entry(List<Long> onsets, List<Long> minutes, List<String> seen) {
    public Entry {
      onsets = onsets == null ? List.of() : List.copyOf(onsets);
      minutes = minutes == null ? List.of() : List.copyOf(minutes);
      seen = seen == null ? List.of() : List.copyOf(seen);
    }
  }

  /**
   * The history of one item, as it stood before the item.
   *
   * @param duplicate the same entity, feature, onset and window was seen before
   * @param startsLastHour how often this entity's feature started showing again after a quiet
   *     minute in the last hour, this start included
   * @param minutesLast4h other minutes of the last four hours in which this entity's feature showed
   * @param entitiesNearby distinct entities with evidence in this minute and the one before
   * @param degree the entity's number of neighbours in the graph
   */
  public record Context(
      boolean duplicate, int startsLastHour, int minutesLast4h, int entitiesNearby, int degree) {}

  private final Store store;

  public FeatureHistory(Store store) {
    this.store = store;
  }

  /** The context of {@code e} in {@code scope}; records {@code e} into the history. */
  public Context observe(String scope, Evidence e, int degree) {
    String key = scope + "|" + e.entity().key() + "|" + e.signal() + "|" + e.feature();
    long minute = Math.floorDiv(e.time(), MINUTE);
    String fingerprint = e.onset() + "@" + e.time();
    Entry old = store.get(key);
    if (old == null) {
      old = new Entry(List.of(), List.of(), List.of());
    }
    boolean duplicate = old.seen().contains(fingerprint);
    List<Long> minutes = new ArrayList<>();
    int others = 0;
    long last = Long.MIN_VALUE;
    for (long m : old.minutes()) {
      if (m * MINUTE >= e.time() - RECURRENCE_WINDOW && m != minute) {
        minutes.add(m);
        others++;
        if (m < minute) {
          last = Math.max(last, m);
        }
      }
    }
    minutes.add(minute);
    // a start is a first showing after at least one quiet minute: firing on is not flapping
    List<Long> starts = new ArrayList<>();
    for (long o : old.onsets()) {
      if (o * MINUTE >= e.time() - FLAP_WINDOW && o != minute) {
        starts.add(o);
      }
    }
    boolean restarted = last == Long.MIN_VALUE || minute - last >= 2;
    if (restarted || old.onsets().contains(minute)) {
      starts.add(minute);
    }
    List<String> seen = new ArrayList<>(old.seen());
    if (!duplicate) {
      seen.add(fingerprint);
    }
    if (seen.size() > MAX_SEEN) {
      seen = seen.subList(seen.size() - MAX_SEEN, seen.size());
    }
    store.put(key, new Entry(starts, minutes, seen));
    int nearby = nearby(scope, minute, e.entity().key());
    return new Context(duplicate, starts.size(), others, nearby, degree);
  }

  /**
   * Deletes the entries of entity features not seen for {@link #RECURRENCE_WINDOW} before {@code
   * now}: their history no longer counts, and a system with many log templates would otherwise keep
   * one entry for every template ever seen.
   */
  public int sweep(long now) {
    int deleted = 0;
    long oldest = Math.floorDiv(now - RECURRENCE_WINDOW, MINUTE);
    for (String key : store.keys()) {
      if (key.contains("|#minute")) {
        continue;
      }
      Entry e = store.get(key);
      if (e != null && e.minutes().stream().allMatch(m -> m < oldest)) {
        store.delete(key);
        deleted++;
      }
    }
    return deleted;
  }

  /** Records the entity under its minute and counts entities in this minute and the last. */
  private int nearby(String scope, long minute, String entity) {
    String now = scope + "|#minute|" + minute;
    Entry current = store.get(now);
    List<String> entities = current == null ? new ArrayList<>() : new ArrayList<>(current.seen());
    if (!entities.contains(entity) && entities.size() < MAX_ENTITIES) {
      entities.add(entity);
      store.put(now, new Entry(List.of(), List.of(), entities));
    }
    forgetMinutesBefore(scope, minute);
    Entry before = store.get(scope + "|#minute|" + (minute - 1));
    int count = entities.size();
    if (before != null) {
      for (String other : before.seen()) {
        if (!entities.contains(other)) {
          count++;
        }
      }
    }
    return count;
  }

  /** Drops the entity lists of minutes before the last, keeping an index of those still held. */
  private void forgetMinutesBefore(String scope, long minute) {
    String indexKey = scope + "|#minutes";
    Entry index = store.get(indexKey);
    List<Long> held = new ArrayList<>();
    boolean changed = index == null || !index.minutes().contains(minute);
    for (long m : index == null ? List.<Long>of() : index.minutes()) {
      if (m < minute - 1) {
        store.delete(scope + "|#minute|" + m);
        changed = true;
      } else {
        held.add(m);
      }
    }
    if (!held.contains(minute)) {
      held.add(minute);
    }
    if (changed) {
      store.put(indexKey, new Entry(List.of(), held, List.of()));
    }
  }
}
