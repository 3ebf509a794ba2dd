package dev.culprit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaClusterTest {
  private static final String TOPIC = "cluster-test";

  @Test
  void threeNodesReplicateATopicAndKeepServingWithOneStopped() throws Exception {
    List<Path> dirs;
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3, Duration.ofSeconds(90))) {
      assertThat(cluster.bootstrapServers().split(","))
          .hasSize(3)
          .allMatch(s -> s.startsWith("127.0.0.1:"));
      try (var admin = cluster.admin()) {
        assertThat(admin.describeCluster().nodes().get()).hasSize(3);
        admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3))).all().get();
        TopicDescription d = described(admin, TOPIC);
        assertThat(d.partitions()).hasSize(3).allMatch(p -> p.replicas().size() == 3);
        KafkaTopics.create(
            cluster.bootstrapServers(), List.of(Topics.METRICS), 2, Duration.ofSeconds(30));
        TopicDescription created = described(admin, Topics.METRICS.name());
        assertThat(created.partitions())
            .as("Culprit's topics take the cluster's default replication factor")
            .hasSize(2)
            .allMatch(p -> p.replicas().size() == 3);
        dirs = logDirs(cluster);
      }
      produce(cluster.bootstrapServers(), 0, 50);
      assertThat(consume(cluster.bootstrapServers(), "before", 50)).hasSize(50);

      cluster.stop(2);
      assertThat(cluster.bootstrapServers().split(",")).hasSize(2);
      produce(cluster.bootstrapServers(), 50, 100);
      assertThat(consume(cluster.bootstrapServers(), "after", 100))
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, 100).mapToObj(i -> "v" + i).toList());
    }
    assertThat(dirs).hasSize(3).noneMatch(Files::exists);
  }

  /**
   * The topic as the cluster describes it, once every node has its metadata: a node that has not
   * yet heard of a topic just created answers that it does not host it.
   */
  private static TopicDescription described(org.apache.kafka.clients.admin.Admin admin, String name)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause()
                instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void nodePropertiesNameTheQuorumAndReplicateInternalTopics() {
    String voters = EmbeddedKafkaCluster.voters(new int[] {9001, 9002, 9003});
    assertThat(voters).isEqualTo("1@127.0.0.1:9001,2@127.0.0.1:9002,3@127.0.0.1:9003");
    Properties p = EmbeddedKafkaCluster.properties(2, 3, Path.of("/tmp/x"), 9102, 9002, voters);
    assertThat(p)
        .containsEntry("node.id", "2")
        .containsEntry("controller.quorum.voters", voters)
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9102,CONTROLLER://127.0.0.1:9002");
  }

  @Test
  void sizeIsValidated() {
    assertThatThrownBy(() -> EmbeddedKafkaCluster.start(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size");
  }

  private static List<Path> logDirs(EmbeddedKafkaCluster cluster) throws Exception {
    List<Path> dirs = new ArrayList<>();
    try (var admin = cluster.admin()) {
      for (var node : admin.describeCluster().nodes().get()) {
        admin.describeLogDirs(List.of(node.id())).allDescriptions().get().values().stream()
            .flatMap(m -> m.keySet().stream())
            .map(Path::of)
            .forEach(dirs::add);
      }
    }
    return dirs;
  }

  private static void produce(String bootstrap, int from, int to) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get();
      }
    }
  }

  private static List<String> consume(String bootstrap, String group, int expected) {
    Map<String, Object> p =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> out = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      for (int attempt = 0; attempt < 60 && out.size() < expected; attempt++) {
        consumer.poll(Duration.ofSeconds(1)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }
}
