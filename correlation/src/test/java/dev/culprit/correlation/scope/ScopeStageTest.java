package dev.culprit.correlation.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Topics;
import dev.culprit.model.Trigger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scope stage keys evidence and ticks by the configured scope and a trigger by its own. */
class ScopeStageTest {
  @TempDir Path state;

  @Test
  void eventsGoToTheConfiguredScopeAndTriggersToTheirOwn() {
    StreamsBuilder b = new StreamsBuilder();
    new ScopeStage("shop")
        .addTo(b, b.stream("events", Consumed.with(Serdes.String(), ScopedEvent.serde())))
        .to("out", Produced.with(Serdes.String(), ScopedEvent.serde()));
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "scope-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (TopologyTestDriver d = new TopologyTestDriver(b.build(), p)) {
      var events =
          d.createInputTopic(
              "events", Serdes.String().serializer(), ScopedEvent.serde().serializer());
      var triggers =
          d.createInputTopic(
              Topics.TRIGGERS.name(),
              Topics.TRIGGERS.keySerde().serializer(),
              Topics.TRIGGERS.valueSerde().serializer());
      events.pipeInput("service:cart", new ScopedEvent.Tick(1_000), Instant.ofEpochMilli(1_000));
      triggers.pipeInput("t1", new Trigger("t1", 2_000, "payments"), Instant.ofEpochMilli(2_000));
      triggers.pipeInput("t2", null, Instant.ofEpochMilli(3_000));

      List<KeyValue<String, ScopedEvent>> out =
          d.createOutputTopic(
                  "out", Serdes.String().deserializer(), ScopedEvent.serde().deserializer())
              .readKeyValuesToList();

      assertThat(out)
          .containsExactly(
              KeyValue.pair("shop", new ScopedEvent.Tick(1_000)),
              KeyValue.pair(
                  "payments", new ScopedEvent.TriggerEvent(new Trigger("t1", 2_000, "payments"))));
    }
  }
}
