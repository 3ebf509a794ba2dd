package dev.culprit.notify;

import static dev.culprit.notify.Incidents.open;
import static dev.culprit.notify.Incidents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.Incident;
import dev.culprit.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** The notifier against the in-JVM broker: incidents in, webhook deliveries and commits out. */
class IncidentNotifierOnBrokerTest {

  @Test
  void incidentVersionsOnTheTopicReachTheWebhookOnceAndOffsetsAreCommitted() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        CaptureServer hook = new CaptureServer(Sleeper.system())) {
      String servers = broker.bootstrapServers();
      broker.createTopics(List.of(Topics.INCIDENTS, Topics.NOTIFY_DLQ));
      List<Incident> versions =
          List.of(
              open("a", 1, "x"),
              open("a", 2, "x"),
              open("a", 1, "x"),
              open("a", 3, "y", "x"),
              resolved("a", 4, "y"));
      produce(servers, versions);

      IncidentNotifier.Config config =
          new IncidentNotifier.Config(
              servers,
              "notify-test",
              Lifecycle.Updates.MATERIAL,
              null,
              DeliveryOptions.defaults().withRate(100, 10),
              true);
      IncidentNotifier notifier =
          IncidentNotifier.start(
              config,
              List.of(Destination.parse("webhook:" + hook.url(), Map.of())),
              kind -> new TestRenderer());
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (hook.accepted.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      notifier.close();

      assertThat(hook.accepted).containsExactly("a/v1", "a/v3", "a/v4");
      assertThat(committed(servers, "notify-test")).isEqualTo(versions.size());
    }
  }

  private static void produce(String servers, List<Incident> versions) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    try (KafkaProducer<String, Incident> producer =
        new KafkaProducer<>(
            p,
            Topics.INCIDENTS.keySerde().serializer(),
            Topics.INCIDENTS.valueSerde().serializer())) {
      for (Incident i : versions) {
        producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), i.id(), i));
      }
      producer.flush();
    }
  }

  private static long committed(String servers, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(Topics.INCIDENTS.name(), 0);
      Map<TopicPartition, OffsetAndMetadata> m = c.committed(Set.of(tp));
      return m.get(tp) == null ? -1 : m.get(tp).offset();
    }
  }
}
