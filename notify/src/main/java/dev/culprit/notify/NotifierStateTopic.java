package dev.culprit.notify;

import dev.culprit.kafka.KafkaClients;
import dev.culprit.kafka.KafkaTopics;
import dev.culprit.model.NotifierState;
import dev.culprit.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NotifierStates} kept in the compacted {@code culprit.notifier-state}: created when
 * missing, read from its beginning on start (a tombstone forgets the state before it, an unreadable
 * record is logged and skipped), then written through an idempotent producer.
 */
final class NotifierStateTopic implements NotifierStates.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierStateTopic.class);

  private final Producer<String, NotifierState> producer;

  private NotifierStateTopic(KafkaClients clients) {
    Properties p = clients.properties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "culprit-notifier-state");
    this.producer =
        new KafkaProducer<>(
            p,
            Topics.NOTIFIER_STATE.keySerde().serializer(),
            Topics.NOTIFIER_STATE.valueSerde().serializer());
  }

  /**
   * The states on the cluster {@code clients} names, read within {@code timeout}.
   *
   * @throws IllegalStateException when the topic cannot be created or read in time
   */
  static NotifierStates open(KafkaClients clients, Duration timeout) {
    KafkaTopics.create(clients, List.of(Topics.NOTIFIER_STATE), 1, timeout, Map.of());
    Map<String, NotifierState> states = read(clients, timeout);
    LOG.info("Restored {} notifier states from {}", states.size(), Topics.NOTIFIER_STATE.name());
    return new NotifierStates(states.values(), new NotifierStateTopic(clients));
  }

  private static Map<String, NotifierState> read(KafkaClients clients, Duration timeout) {
    Properties p = clients.properties();
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "culprit-notifier-state-restore");
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, NotifierState> out = new HashMap<>();
    Deserializer<NotifierState> values = Topics.NOTIFIER_STATE.valueSerde().deserializer();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(Topics.NOTIFIER_STATE.name(), timeout);
      List<TopicPartition> partitions =
          infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Cannot read "
                  + Topics.NOTIFIER_STATE.name()
                  + " within "
                  + timeout.toSeconds()
                  + " s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          apply(out, r, values);
        }
      }
    }
    return out;
  }

  private static void apply(
      Map<String, NotifierState> out,
      ConsumerRecord<byte[], byte[]> r,
      Deserializer<NotifierState> values) {
    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    if (r.value() == null) {
      if (key != null) {
        out.remove(key);
      }
      return;
    }
    try {
      NotifierState s = values.deserialize(r.topic(), r.value());
      if (s != null) {
        out.put(s.key(), s);
      }
    } catch (SerializationException e) {
      LOG.warn(
          "Skipping unreadable notifier state at {}-{} offset {}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void write(String key, NotifierState state, Runnable written) {
    producer.send(
        new ProducerRecord<>(Topics.NOTIFIER_STATE.name(), key, state),
        (m, e) -> {
          if (e != null) {
            LOG.error("Cannot write notifier state {}: {}", key, e.toString());
          }
          written.run();
        });
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
