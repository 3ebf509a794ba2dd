package dev.culprit.correlation.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import dev.culprit.model.Topics;
import dev.culprit.model.Trigger;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The scope stage keys evidence by the scope its resource names (else its entity's last, else the
 * configured one), a trigger by its own, and sends ticks to every scope seen lately.
 */
class ScopeStageTest {
  @TempDir Path state;

  @Test
  void evidenceGoesToItsNamedScopeAndTicksToEveryScopeSeenLately() {
    try (TopologyTestDriver d = driver(new ScopeStage("shop", Duration.ofMinutes(10)))) {
      var events =
          d.createInputTopic(
              "events", Serdes.String().serializer(), ScopedEvent.serde().serializer());
      ScopedEvent euCart = evidence(new Resource("cart", "cart-0", null, "eu"), 60_000);
      ScopedEvent cartAgain = evidence(new Resource("cart", "cart-0", null), 120_000);
      ScopedEvent usPay = evidence(new Resource("pay", "pay-0", null, "us"), 120_000);
      ScopedEvent db = evidence(Resource.ofService("db"), 120_000);
      ScopedEvent alert = new ScopedEvent.AlertState("instance:pay-0", "Down", 120_000, 180_000);
      events.pipeInput("instance:cart-0", euCart, Instant.ofEpochMilli(60_000));
      events.pipeInput("instance:cart-0", cartAgain, Instant.ofEpochMilli(120_000));
      events.pipeInput("instance:pay-0", usPay, Instant.ofEpochMilli(120_000));
      events.pipeInput("service:db", db, Instant.ofEpochMilli(120_000));
      events.pipeInput("instance:pay-0", alert, Instant.ofEpochMilli(120_000));
      events.pipeInput("tick", new ScopedEvent.Tick(120_000), Instant.ofEpochMilli(120_000));
      // ten minutes after "eu" and "us" were last seen they are forgotten
      events.pipeInput("tick", new ScopedEvent.Tick(720_001), Instant.ofEpochMilli(720_001));

      List<KeyValue<String, ScopedEvent>> out = output(d);

      assertThat(out.subList(0, 5))
          .containsExactly(
              KeyValue.pair("eu", euCart),
              KeyValue.pair("eu", cartAgain),
              KeyValue.pair("us", usPay),
              KeyValue.pair("shop", db),
              KeyValue.pair("us", alert));
      assertThat(out.subList(5, 8))
          .extracting(kv -> kv.key)
          .containsExactlyInAnyOrder("eu", "us", "shop");
      assertThat(out.subList(5, 8))
          .extracting(kv -> kv.value)
          .containsOnly(new ScopedEvent.Tick(120_000));
      assertThat(out.subList(8, out.size()))
          .containsExactly(KeyValue.pair("shop", new ScopedEvent.Tick(720_001)));
    }
  }

  private TopologyTestDriver driver(ScopeStage stage) {
    StreamsBuilder b = new StreamsBuilder();
    stage
        .addTo(b, b.stream("events", Consumed.with(Serdes.String(), ScopedEvent.serde())))
        .to("out", Produced.with(Serdes.String(), ScopedEvent.serde()));
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "scope-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    return new TopologyTestDriver(b.build(), p);
  }

  private static List<KeyValue<String, ScopedEvent>> output(TopologyTestDriver d) {
    return d.createOutputTopic(
            "out", Serdes.String().deserializer(), ScopedEvent.serde().deserializer())
        .readKeyValuesToList();
  }

  private static ScopedEvent evidence(Resource r, long time) {
    return new ScopedEvent.EvidenceEvent(
        new Evidence(
            r,
            SignalType.METRIC,
            EvidenceFamily.METRIC_LATENCY,
            "latency",
            8,
            900,
            100,
            Evidence.Direction.UP,
            time - 60_000,
            time,
            "latency up"));
  }

  @Test
  void eventsGoToTheConfiguredScopeAndTriggersToTheirOwn() {
    try (TopologyTestDriver d = driver(new ScopeStage("shop"))) {
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

      List<KeyValue<String, ScopedEvent>> out = output(d);

      assertThat(out)
          .containsExactly(
              KeyValue.pair("shop", new ScopedEvent.Tick(1_000)),
              KeyValue.pair(
                  "payments", new ScopedEvent.TriggerEvent(new Trigger("t1", 2_000, "payments"))));
    }
  }
}
