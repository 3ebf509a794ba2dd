package dev.culprit.run;

import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Reading and writing topics of a test broker, with bounded waits. */
final class BrokerTopics {
  private BrokerTopics() {}

  /** Writes one record and waits for the acknowledgement. */
  static void write(EmbeddedKafkaBroker broker, ProducerRecord<byte[], byte[]> record)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    try (var producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(record).get();
    }
  }

  /**
   * Reads {@code topic} from the start until a record matching {@code until} arrived (two minutes
   * at most), and returns every record read.
   */
  static List<ConsumerRecord<byte[], byte[]>> readUntil(
      EmbeddedKafkaBroker broker, String topic, Predicate<ConsumerRecord<byte[], byte[]>> until) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r);
          if (until.test(r)) {
            return out;
          }
        }
      }
    }
    return out;
  }

  /** The first record of {@code topic} matching {@code match}, or null after two minutes. */
  static ConsumerRecord<byte[], byte[]> first(
      EmbeddedKafkaBroker broker, String topic, Predicate<ConsumerRecord<byte[], byte[]>> match) {
    List<ConsumerRecord<byte[], byte[]>> read = readUntil(broker, topic, match);
    return read.isEmpty() || !match.test(read.getLast()) ? null : read.getLast();
  }

  /** A header's value as text, or null. */
  static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Whether a dead letter's reason contains {@code text}. */
  static Predicate<ConsumerRecord<byte[], byte[]>> reasonContains(String text) {
    return r -> {
      String reason = header(r, DeadLetter.REASON);
      return reason != null && reason.contains(text);
    };
  }

  /** Whether the record's value contains {@code text}. */
  static Predicate<ConsumerRecord<byte[], byte[]>> valueContains(String text) {
    return r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(text);
  }

  /** Waits up to two minutes for {@code condition}; returns whether it held. */
  static boolean await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }
}
