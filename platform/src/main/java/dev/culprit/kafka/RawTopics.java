package dev.culprit.kafka;

import dev.culprit.ingest.recording.RawRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reading raw topics as they are, bytes and all, without a consumer group. */
public final class RawTopics {
  private RawTopics() {}

  /** A consumer of bytes that joins no group and commits nothing; the caller assigns it. */
  public static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String clientId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The partitions of those of {@code topics} that exist, sorted by topic and partition. */
  public static List<TopicPartition> partitions(
      Consumer<?, ?> consumer, Collection<String> topics, Duration timeout) {
    Map<String, List<PartitionInfo>> all = consumer.listTopics(timeout);
    List<TopicPartition> out = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo p : all.getOrDefault(topic, List.of())) {
        out.add(new TopicPartition(p.topic(), p.partition()));
      }
    }
    out.sort(
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    return out;
  }

  public static RawRecord raw(ConsumerRecord<byte[], byte[]> r) {
    List<RawRecord.Header> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(new RawRecord.Header(h.key(), h.value()));
    }
    return new RawRecord(
        r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), headers);
  }
}
