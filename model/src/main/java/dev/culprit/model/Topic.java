package dev.culprit.model;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic bundled with its key and value serdes.
 *
 * @param compacted whether the topic keeps the latest record per key ({@code
 *     cleanup.policy=compact}) rather than every record
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  /** A topic that keeps every record. */
  public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    this(name, keySerde, valueSerde, false);
  }
}
