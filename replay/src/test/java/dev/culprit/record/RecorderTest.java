package dev.culprit.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.ingest.recording.RawSource;
import dev.culprit.ingest.recording.RecordedDataset;
import dev.culprit.ingest.recording.RecordingWriter;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.kafka.KafkaTopics;
import dev.culprit.kafka.TopicsDataset;
import dev.culprit.model.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording raw topics of a broker, and reading them straight from it, on the in-JVM broker. */
class RecorderTest {
  private static final long T = 1_772_359_200_000L;
  private static EmbeddedKafkaBroker broker;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
  }

  /** A spans topic of two partitions and an alerts topic of one, named after {@code prefix}. */
  private static List<String> topics(String prefix) {
    List<String> names = List.of(prefix + "-spans", prefix + "-alerts");
    for (int i = 0; i < 2; i++) {
      KafkaTopics.create(
          broker.bootstrapServers(),
          List.of(new Topic<>(names.get(i), Serdes.ByteArray(), Serdes.ByteArray())),
          2 - i,
          Duration.ofSeconds(30));
    }
    return names;
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  /** Spans on two partitions, some out of time order, and alerts with a header. */
  private static void produce(List<String> topics, long from, int count) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        long t = T + (from + i) * 1000;
        producer.send(
            new ProducerRecord<>(topics.get(0), i % 2, i % 5 == 0 ? t - 1500 : t, null, bytes(t)));
        ProducerRecord<byte[], byte[]> alert =
            new ProducerRecord<>(topics.get(1), 0, t, bytes(i), bytes(-t));
        alert.headers().add("content-type", bytes(7));
        producer.send(alert);
      }
    }
  }

  private static byte[] bytes(long n) {
    return Long.toString(n).getBytes(StandardCharsets.UTF_8);
  }

  private static List<RawRecord> readAll(RawSource source) {
    List<RawRecord> out = new ArrayList<>();
    try (source) {
      source.forEachRemaining(out::add);
    }
    return out;
  }

  private Recorder recorder(List<String> topics) throws Exception {
    return Recorder.open(
        new Recorder.Settings(
            broker.bootstrapServers(), topics, dir, RecordingWriter.Options.defaults(), false));
  }

  @Test
  void recordsWhatTheTopicsHoldThenResumesWithOnlyWhatCameSince() throws Exception {
    List<String> topics = topics("resume");
    produce(topics, 0, 40);
    Recorder first = recorder(topics);
    first.finish();
    first.run();
    assertThat(first.recorded()).isEqualTo(80);

    produce(topics, 40, 10);
    Recorder second = recorder(topics);
    second.finish();
    second.run();

    List<RawRecord> recorded = readAll(RecordedDataset.open(dir, Set.copyOf(topics)).openRaw());
    List<RawRecord> direct =
        readAll(
            new TopicsDataset(broker.bootstrapServers(), topics, Long.MIN_VALUE, Long.MAX_VALUE)
                .openRaw());
    assertThat(second.recorded()).isEqualTo(20);
    assertThat(recorded).hasSize(100).isEqualTo(direct);
    RawRecord alert =
        recorded.stream().filter(r -> r.topic().equals(topics.get(1))).findFirst().orElseThrow();
    assertThat(alert.headers()).containsExactly(new RawRecord.Header("content-type", bytes(7)));
    assertThat(alert.key()).isEqualTo(bytes(0));
    for (int partition = 0; partition < 2; partition++) {
      int p = partition;
      assertThat(
              recorded.stream().filter(r -> r.topic().equals(topics.get(0)) && r.partition() == p))
          .extracting(RawRecord::offset)
          .isSorted()
          .hasSize(25);
    }
  }

  @Test
  void readingTopicsDirectlyKeepsToTheTimeRange() throws Exception {
    List<String> topics = topics("range");
    produce(topics, 100, 20);
    long since = T + 105_000;
    long until = T + 110_000;

    List<RawRecord> read =
        readAll(new TopicsDataset(broker.bootstrapServers(), topics, since, until).openRaw());

    assertThat(read).isNotEmpty().allMatch(r -> r.timestamp() >= since && r.timestamp() < until);
    assertThat(read.stream().filter(r -> r.topic().equals(topics.get(1))))
        .extracting(RawRecord::timestamp)
        .containsExactly(T + 105_000, T + 106_000, T + 107_000, T + 108_000, T + 109_000);
    for (int i = 1; i < read.size(); i++) {
      RawRecord a = read.get(i - 1);
      RawRecord b = read.get(i);
      if (a.topic().equals(b.topic()) && a.partition() == b.partition()) {
        assertThat(b.offset()).isGreaterThan(a.offset());
      }
    }
  }
}
