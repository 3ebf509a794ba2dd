package dev.culprit.kafka;

import dev.culprit.model.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic from its beginning to the end it had when reading started, without joining a
 * consumer group: history for training. Unreadable records are skipped and counted.
 */
public final class TopicReader {
  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

  private TopicReader() {}

  /**
   * Every readable value of {@code topic} (nulls dropped); {@code timeout} bounds the whole read.
   */
  public static <V> List<V> readAll(
      String bootstrapServers, Topic<String, V> topic, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
      if (infos == null || infos.isEmpty()) {
        return out;
      }
      List<TopicPartition> partitions =
          infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Reading " + topic.name() + " did not finish within " + timeout.toSeconds() + " s");
        }
        try {
          for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
            if (r.value() != null) {
              out.add(r.value());
            }
          }
        } catch (RecordDeserializationException e) {
          LOG.warn("Skipping unreadable record of {} at offset {}", e.topicPartition(), e.offset());
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    }
    return out;
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
