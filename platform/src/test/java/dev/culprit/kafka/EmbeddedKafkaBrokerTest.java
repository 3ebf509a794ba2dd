package dev.culprit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.MetricClass;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void producesAndConsumesMetricSamplesThenDeletesItsLogDir() throws Exception {
    Path logDir;
    List<MetricSample> sent = samples(100);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      logDir = broker.logDir();
      assertThat(logDir).isDirectory();
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");

      broker.createTopics(Topics.all());
      try (var admin = broker.admin()) {
        Set<String> names = admin.listTopics().names().get();
        assertThat(names).containsAll(Topics.all().stream().map(Topic::name).toList());
      }

      produce(broker.bootstrapServers(), sent);
      List<ConsumerRecord<String, MetricSample>> received =
          consume(broker.bootstrapServers(), sent.size());

      assertThat(received).hasSize(100);
      assertThat(received.stream().map(ConsumerRecord::value).toList())
          .containsExactlyElementsOf(sent);
      assertThat(received.get(7).key()).isEqualTo("instance:cart-0");
      assertThat(received.get(7).timestamp()).isEqualTo(T0 + 7_000);
    }
    assertThat(Files.exists(logDir)).isFalse();
  }

  @Test
  void createTopicsIsIdempotentAndHonoursPartitions() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopics(List.of(Topics.METRICS), 3);
      broker.createTopics(List.of(Topics.METRICS), 3);
      try (var admin = broker.admin()) {
        var description =
            admin.describeTopics(List.of(Topics.METRICS.name())).allTopicNames().get();
        assertThat(description.get(Topics.METRICS.name()).partitions()).hasSize(3);
      }
    }
  }

  @Test
  void keepsAGivenLogDirAndRestartsOnIt(@TempDir Path dir) throws Exception {
    EmbeddedKafkaBroker.Config config =
        new EmbeddedKafkaBroker.Config(0, 0, dir, Map.of("num.io.threads", "2"), null);
    List<MetricSample> sent = samples(3);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config)) {
      assertThat(broker.logDir()).isEqualTo(dir);
      broker.createTopics(List.of(Topics.METRICS));
      produce(broker.bootstrapServers(), sent);
    }
    assertThat(dir).isDirectory();

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config)) {
      assertThat(consume(broker.bootstrapServers(), sent.size()).stream().map(r -> r.value()))
          .containsExactlyElementsOf(sent);
    }
  }

  @Test
  void configIsValidated() {
    assertThatThrownBy(() -> new EmbeddedKafkaBroker.Config(-1, 0, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> new EmbeddedKafkaBroker.Config(0, 0, null, null, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  private static List<MetricSample> samples(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new MetricSample(
                    new Resource("cart", "cart-0", "node-1"),
                    T0 + i * 1_000L,
                    "cpu_usage",
                    0.25 + i / 1000.0,
                    MetricClass.RESOURCE))
        .toList();
  }

  private static void produce(String bootstrap, List<MetricSample> samples) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(
            p, Topics.METRICS.keySerde().serializer(), Topics.METRICS.valueSerde().serializer())) {
      for (MetricSample s : samples) {
        producer.send(
            new ProducerRecord<>(Topics.METRICS.name(), null, s.time(), s.entity().key(), s));
      }
      producer.flush();
    }
  }

  private static List<ConsumerRecord<String, MetricSample>> consume(
      String bootstrap, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-broker-test");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, MetricSample>> out = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            p,
            Topics.METRICS.keySerde().deserializer(),
            Topics.METRICS.valueSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.METRICS.name()));
      // Bounded by attempts, not by elapsed time: each poll returns as soon as data is there.
      for (int attempt = 0; attempt < 60 && out.size() < expected; attempt++) {
        consumer.poll(Duration.ofSeconds(1)).forEach(out::add);
      }
    }
    return out;
  }
}
