package dev.culprit.ingest.recording;

import java.util.Objects;

/**
 * One partition of a raw topic.
 *
 * @param topic the topic
 * @param partition the partition number
 */
public record RawPartition(String topic, int partition) implements Comparable<RawPartition> {

  public RawPartition {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0) {
      throw new IllegalArgumentException("Invalid partition: " + partition);
    }
  }

  @Override
  public int compareTo(RawPartition o) {
    int c = topic.compareTo(o.topic);
    return c != 0 ? c : Integer.compare(partition, o.partition);
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }
}
