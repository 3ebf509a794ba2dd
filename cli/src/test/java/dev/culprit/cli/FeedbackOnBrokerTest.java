package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.Feedback;
import dev.culprit.model.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code culprit feedback} against the in-JVM broker: the records it writes are read back. */
class FeedbackOnBrokerTest {

  @Test
  void feedbackFromTheCommandLineIsReadBackFromTheFeedbackTopic() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      String servers = broker.bootstrapServers();
      StringWriter out = new StringWriter();
      long before = System.currentTimeMillis();

      int first =
          execute(
              out,
              "feedback",
              "inc-42",
              "--false-positive",
              "--note",
              "planned maintenance",
              "--author",
              "ana",
              "--bootstrap-servers",
              servers);
      int second =
          execute(
              out,
              "feedback",
              "inc-43",
              "--root-cause",
              "ts-route-service",
              "--author",
              "bo",
              "--bootstrap-servers",
              servers);
      long after = System.currentTimeMillis();

      assertThat(first).isZero();
      assertThat(second).isZero();
      assertThat(out.toString().lines())
          .containsExactly(
              "recorded in culprit.feedback: incident inc-42 is a false positive (by ana)",
              "recorded in culprit.feedback: the root cause of incident inc-43 is ts-route-service"
                  + " (by bo)");
      List<ConsumerRecord<String, Feedback>> records = consume(servers, 2);
      assertThat(records).hasSize(2);
      ConsumerRecord<String, Feedback> fp = records.get(0);
      assertThat(fp.key()).isEqualTo("inc-42");
      assertThat(fp.value().incidentId()).isEqualTo("inc-42");
      assertThat(fp.value().kind()).isEqualTo(Feedback.Kind.FALSE_POSITIVE);
      assertThat(fp.value().rootCause()).isNull();
      assertThat(fp.value().author()).isEqualTo("ana");
      assertThat(fp.value().note()).isEqualTo("planned maintenance");
      assertThat(fp.value().time()).isBetween(before, after);
      assertThat(fp.timestamp()).isEqualTo(fp.value().time());
      assertThat(records.get(1).key()).isEqualTo("inc-43");
      assertThat(records.get(1).value())
          .isEqualTo(
              Feedback.rootCause(
                  "inc-43", "ts-route-service", "bo", null, records.get(1).value().time()));
    }
  }

  private static int execute(StringWriter out, String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    return cli.execute(args);
  }

  private static List<ConsumerRecord<String, Feedback>> consume(String servers, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "feedback-on-broker-test");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, Feedback>> out = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            p,
            Topics.FEEDBACK.keySerde().deserializer(),
            Topics.FEEDBACK.valueSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.FEEDBACK.name()));
      // Bounded by attempts, not by elapsed time: each poll returns as soon as data is there.
      for (int attempt = 0; attempt < 30 && out.size() < expected; attempt++) {
        consumer.poll(Duration.ofSeconds(1)).forEach(out::add);
      }
    }
    return out;
  }
}
