package dev.culprit.correlation.incident;

import dev.culprit.model.Evidence;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Time-ordered keys of the evidence store: {@code scope|time|seq}, zero-padded. */
final class EvidenceKeys {
  private EvidenceKeys() {}

  static String key(String scope, long time, long seq) {
    return String.format("%s|%019d|%019d", scope, Math.max(0, time), seq);
  }

  static List<Evidence> range(
      KeyValueStore<String, Evidence> store, String scope, long from, long to) {
    List<Evidence> out = new ArrayList<>();
    try (KeyValueIterator<String, Evidence> it =
        store.range(key(scope, from, 0), key(scope, to, Long.MAX_VALUE))) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }

  static void evictBefore(KeyValueStore<String, Evidence> store, String scope, long before) {
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, Evidence> it =
        store.range(key(scope, 0, 0), key(scope, before, 0))) {
      it.forEachRemaining(kv -> old.add(kv.key));
    }
    old.forEach(store::delete);
  }
}
