package dev.culprit.topology.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The object cache in front of a key-value store: processors see their own writes at once, the
 * wrapped store (and so the changelog) gets them when the task commits, and a task initialised
 * again (revived after an aborted transaction) sees only what was committed.
 */
class ObjectCachingStoreTest {
  /** A mutable value, as an open window or a trace being joined is. */
  static final class Counter {
    long n;

    Counter(long n) {
      this.n = n;
    }
  }

  private final MockProcessorContext<String, String> context = new MockProcessorContext<>();
  private KeyValueStore<String, Counter> store;
  private KeyValueStore<String, Counter> inner;

  @BeforeEach
  void build() {
    store =
        ObjectCachingStore.<Counter>builder(
                Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("counters"),
                        Serdes.String(),
                        Serdes.serdeFrom(
                            (t, c) -> c == null ? null : Long.toString(c.n).getBytes(),
                            (t, b) ->
                                b == null ? null : new Counter(Long.parseLong(new String(b)))))
                    .withLoggingDisabled())
            .build();
    store.init(context.getStateStoreContext(), store);
    inner = ((ObjectCachingStore<Counter>) store).wrapped();
  }

  @Test
  void aChangedObjectReachesTheWrappedStoreOnlyWhenTheTaskCommits() {
    store.put("a", new Counter(1));
    Counter a = store.get("a");
    a.n++;
    store.put("a", a);

    assertThat(store.get("a")).isSameAs(a);
    assertThat(inner.get("a")).isNull();
    store.commit(Map.of());
    assertThat(inner.get("a").n).isEqualTo(2);
  }

  @Test
  void anIterationSeesWhatWasPutSinceTheCommitAndADeleteGoesThrough() {
    store.put("a", new Counter(1));
    store.commit(Map.of());
    store.put("b", new Counter(2));
    store.delete("a");

    List<String> seen = new ArrayList<>();
    try (KeyValueIterator<String, Counter> it = store.all()) {
      it.forEachRemaining(kv -> seen.add(kv.key + "=" + kv.value.n));
    }
    assertThat(seen).containsExactly("b=2");
    assertThat(inner.get("a")).isNull();
    assertThat(store.get("a")).isNull();
  }

  @Test
  void aStoreInitialisedAgainSeesOnlyWhatWasCommitted() {
    store.put("a", new Counter(1));
    store.commit(Map.of());
    Counter a = store.get("a");
    a.n = 99;
    store.put("a", a);
    store.putAll(List.of(KeyValue.pair("b", new Counter(5))));

    store.init(context.getStateStoreContext(), store);

    assertThat(store.get("a").n).isEqualTo(1);
    assertThat(store.get("b")).isNull();
  }

  @Test
  void nothingIsKeptPastACommitSoTheNextReadIsTheWrappedStores() {
    Counter a = new Counter(1);
    store.put("a", a);
    store.commit(Map.of());
    inner.put("a", new Counter(7));

    assertThat(store.get("a")).isNotSameAs(a);
    assertThat(store.get("a").n).isEqualTo(7);
    assertThat(store.approximateNumEntries()).isEqualTo(1);
  }
}
