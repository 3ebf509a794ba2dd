package dev.culprit.topology.state;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A key-value store that keeps the objects it handed out or was given until the task commits, and
 * then writes the changed ones to the store it wraps (and so to its changelog). For state that a
 * processor reads, changes and writes back on every record (an open window, a trace being joined),
 * where serialising the growing value each time costs more than the processing: the value is
 * serialised once per commit instead of once per record.
 *
 * <p>What a processor sees is what the wrapped store would give it: a value read after a put is the
 * one put; an iteration (range, all) first writes what changed and then reads the wrapped store, so
 * it returns copies. The objects returned by {@link #get} are the cached ones: a processor must put
 * back what it changes, as it would have to for the change to last anyway, and must not change a
 * value it does not put back. Kafka Streams commits the wrapped store after this one has written to
 * it, before the task's offsets are committed. Nothing is kept past a commit, so the cache never
 * holds what the wrapped store no longer has (a store restored or updated from its changelog, as a
 * standby's is, is read afresh), and a task closed or initialised again without a commit (a crash,
 * a revived task) drops what was not committed.
 */
public final class ObjectCachingStore<V> implements KeyValueStore<String, V> {
  private final KeyValueStore<String, V> inner;
  private final Map<String, V> cache = new HashMap<>();
  private final Set<String> dirty = new HashSet<>();

  ObjectCachingStore(KeyValueStore<String, V> inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /** A builder of {@code inner}'s store wrapped in an object cache. */
  public static <V> StoreBuilder<KeyValueStore<String, V>> builder(
      StoreBuilder<KeyValueStore<String, V>> inner) {
    return new Builder<>(inner);
  }

  /** The wrapped store (for tests). */
  KeyValueStore<String, V> wrapped() {
    return inner;
  }

  /** Writes what changed since the last commit to the wrapped store. */
  private void writeDirty() {
    for (String key : dirty) {
      inner.put(key, cache.get(key));
    }
    dirty.clear();
  }

  @Override
  public V get(String key) {
    V v = cache.get(key);
    if (v == null) {
      v = inner.get(key);
      if (v != null) {
        cache.put(key, v);
      }
    }
    return v;
  }

  @Override
  public void put(String key, V value) {
    Objects.requireNonNull(key, "key");
    if (value == null) {
      delete(key);
      return;
    }
    cache.put(key, value);
    dirty.add(key);
  }

  @Override
  public V putIfAbsent(String key, V value) {
    V old = get(key);
    if (old == null) {
      put(key, value);
    }
    return old;
  }

  @Override
  public void putAll(List<KeyValue<String, V>> entries) {
    for (KeyValue<String, V> e : entries) {
      put(e.key, e.value);
    }
  }

  @Override
  public V delete(String key) {
    V cached = cache.remove(key);
    dirty.remove(key);
    V stored = inner.delete(key);
    return cached != null ? cached : stored;
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    writeDirty();
    return inner.range(from, to);
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(String from, String to) {
    writeDirty();
    return inner.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    writeDirty();
    return inner.all();
  }

  @Override
  public KeyValueIterator<String, V> reverseAll() {
    writeDirty();
    return inner.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(
      P prefix, PS prefixKeySerializer) {
    writeDirty();
    return inner.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    writeDirty();
    return inner.approximateNumEntries();
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // a revived task initialises its stores again after restoring them: what was cached is stale
    cache.clear();
    dirty.clear();
    inner.init(context, root);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void flush() {
    writeDirty();
    inner.flush();
    cache.clear();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    writeDirty();
    inner.commit(changelogOffsets);
    cache.clear();
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  @Override
  public long approximateNumUncommittedBytes() {
    return inner.approximateNumUncommittedBytes();
  }

  @Override
  public void close() {
    cache.clear();
    dirty.clear();
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    // interactive queries come from other threads than the task's: they see what was committed
    return inner.query(query, bound, config);
  }

  @Override
  public Position getPosition() {
    return inner.getPosition();
  }

  private record Builder<V>(StoreBuilder<KeyValueStore<String, V>> inner)
      implements StoreBuilder<KeyValueStore<String, V>> {
    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
      inner.withCachingEnabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
      inner.withCachingDisabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
      inner.withLoggingDisabled();
      return this;
    }

    @Override
    public KeyValueStore<String, V> build() {
      return new ObjectCachingStore<>(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
      return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return inner.loggingEnabled();
    }

    @Override
    public String name() {
      return inner.name();
    }
  }
}
