package dev.culprit.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Discards what a {@link TopologyTestDriver} captured on its output, changelog and internal topics:
 * the driver keeps every produced record in memory until it is read, which a long replay cannot
 * afford.
 */
public final class CapturedRecords {
  private final TopologyTestDriver driver;
  private final Map<String, TestOutputTopic<byte[], byte[]>> topics = new HashMap<>();

  public CapturedRecords(TopologyTestDriver driver) {
    this.driver = driver;
  }

  /** Reads and drops every captured record except those of the {@code kept} topics. */
  public void discardAllBut(Set<String> kept) {
    for (String topic : driver.producedTopicNames()) {
      if (kept.contains(topic)) {
        continue;
      }
      TestOutputTopic<byte[], byte[]> t =
          topics.computeIfAbsent(
              topic,
              name ->
                  driver.createOutputTopic(
                      name, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
      while (!t.isEmpty()) {
        t.readRecordsToList();
      }
    }
  }
}
