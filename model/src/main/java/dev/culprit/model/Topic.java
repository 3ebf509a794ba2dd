package dev.culprit.model;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** A Kafka topic bundled with its key and value serdes. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }
}
