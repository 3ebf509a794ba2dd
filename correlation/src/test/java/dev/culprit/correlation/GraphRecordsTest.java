package dev.culprit.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.DeadLetter;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import dev.culprit.model.Subgraph;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records others write to {@code culprit.graph}: unreadable or mis-keyed ones are dead letters,
 * readable ones join the graph the rankers see, and nothing there or on the checked topic stops the
 * pipeline.
 */
class GraphRecordsTest {
  private static final GraphEdge DECLARED =
      new GraphEdge(
          EntityRef.service("db-proxy"),
          new EntityRef(EntityKind.BACKING, "postgres"),
          GraphEdge.Kind.DATA_FLOW,
          0,
          0,
          0,
          SyntheticSystem.T0,
          true);

  private static final Instant T0 = Instant.ofEpochMilli(SyntheticSystem.T0);

  @TempDir Path state;

  @Test
  void badGraphRecordsAreDeadLettersAndADeclaredEdgeReachesTheIncidentSubgraph() {
    var p = CulpritPipeline.streamsProperties("graph-records", "dummy:1", state);
    try (TopologyTestDriver d =
        new TopologyTestDriver(CulpritPipeline.build(PipelineConfig.defaults()), p)) {
      var graph =
          d.createInputTopic(
              Topics.GRAPH.name(), new ByteArraySerializer(), new ByteArraySerializer());
      byte[] key = DECLARED.key().getBytes(StandardCharsets.UTF_8);
      graph.pipeInput(key, "{\"source\": 42, trunc".getBytes(StandardCharsets.UTF_8), T0);
      graph.pipeInput(
          "CALLS|service:x|service:y".getBytes(StandardCharsets.UTF_8), json(DECLARED), T0);
      graph.pipeInput(key, json(DECLARED), T0);
      d.createInputTopic(
              Topics.GRAPH_CHECKED.name(), new ByteArraySerializer(), new ByteArraySerializer())
          .pipeInput(key, new byte[] {0, 1, 2}, T0);

      List<TestRecord<byte[], byte[]>> dead =
          d.createOutputTopic(
                  Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecordsToList();
      assertThat(dead).hasSize(2);
      assertThat(header(dead.get(0), DeadLetter.TOPIC)).isEqualTo(Topics.GRAPH.name());
      assertThat(header(dead.get(0), DeadLetter.REASON)).contains("cannot read");
      assertThat(header(dead.get(1), DeadLetter.REASON)).contains("names another edge");

      List<Incident> incidents = replay(d);
      Incident first =
          incidents.stream().filter(i -> i.trigger() == null).findFirst().orElseThrow();
      assertThat(first.rootCauses().getFirst().entity()).isEqualTo("db-proxy");
      assertThat(first.subgraph().nodes())
          .extracting(Subgraph.Node::id)
          .contains("backing:postgres");
    }
  }

  private static List<Incident> replay(TopologyTestDriver d) {
    TestInputTopic<String, MetricSample> metrics = input(d, Topics.METRICS);
    TestInputTopic<String, LogEvent> logs = input(d, Topics.LOGS);
    TestInputTopic<String, Span> spans = input(d, Topics.SPANS);
    long fault = SyntheticSystem.T0 + 40 * 60_000;
    for (Signal s : SyntheticSystem.run(60, fault, fault + 5 * 60_000)) {
      Instant at = Instant.ofEpochMilli(s.time());
      switch (s) {
        case MetricSample m -> metrics.pipeInput(s.entity().key(), m, at);
        case LogEvent l -> logs.pipeInput(s.entity().key(), l, at);
        case Span sp -> spans.pipeInput(s.entity().key(), sp, at);
        default -> throw new IllegalStateException("unexpected " + s);
      }
    }
    return d.createOutputTopic(
            Topics.INCIDENTS.name(),
            Topics.INCIDENTS.keySerde().deserializer(),
            Topics.INCIDENTS.valueSerde().deserializer())
        .readValuesToList();
  }

  private static byte[] json(GraphEdge e) {
    return Topics.GRAPH.valueSerde().serializer().serialize(Topics.GRAPH.name(), e);
  }

  private static String header(TestRecord<byte[], byte[]> r, String key) {
    var h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static <V> TestInputTopic<String, V> input(TopologyTestDriver d, Topic<String, V> t) {
    return d.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
  }
}
