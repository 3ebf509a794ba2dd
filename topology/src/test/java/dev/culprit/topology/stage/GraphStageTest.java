package dev.culprit.topology.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Span;
import dev.culprit.model.Topics;
import dev.culprit.topology.EntityGraph;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphStageTest {
  @TempDir Path state;

  private static final Resource WEB = new Resource("web", "web-1", "node-1");
  private static final Resource API = new Resource("api", "api-1", "node-2");
  private static final Resource DB = new Resource("db", "db-1", null);

  @Test
  void learnsCallsAtServiceAndInstanceLevelWhateverTheArrivalOrder() {
    Map<String, GraphEdge> graph = run();
    EntityGraph g = EntityGraph.of(graph.values());
    assertThat(g.callees(EntityRef.service("web"))).containsExactly(EntityRef.service("api"));
    assertThat(g.callees(EntityRef.service("api"))).containsExactly(EntityRef.service("db"));
    assertThat(g.callees(EntityRef.instance("web-1"))).containsExactly(EntityRef.instance("api-1"));
    GraphEdge webApi = graph.get("CALLS|service:web|service:api");
    assertThat(webApi.calls()).isEqualTo(3);
    assertThat(webApi.errors()).isEqualTo(1);
    assertThat(webApi.totalLatencyMicros()).isEqualTo(3 * 50_000);
    assertThat(webApi.declared()).isFalse();
  }

  @Test
  void attachesInstancesToServicesAndNodes() {
    EntityGraph g = EntityGraph.of(run().values());
    assertThat(g.serviceOf(EntityRef.instance("api-1"))).isEqualTo(EntityRef.service("api"));
    assertThat(g.hosts(EntityRef.instance("api-1"))).containsExactly(EntityRef.node("node-2"));
    assertThat(g.hosts(EntityRef.instance("db-1"))).isEmpty();
    assertThat(g.callees(EntityRef.service("db"))).isEmpty();
  }

  private Map<String, GraphEdge> run() {
    StreamsBuilder builder = new StreamsBuilder();
    new GraphStage(GraphStageConfig.defaults()).addTo(builder);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "graph-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), p)) {
      TestInputTopic<String, Span> spans =
          driver.createInputTopic(
              Topics.SPANS.name(),
              Topics.SPANS.keySerde().serializer(),
              Topics.SPANS.valueSerde().serializer());
      long t = 1_000_000;
      for (int i = 0; i < 3; i++) {
        String trace = "t" + i;
        // children may arrive before their parents
        pipe(spans, span(DB, t, trace, "c", "b", 10_000, false));
        pipe(spans, span(API, t, trace, "b", "a", 50_000, i == 1));
        pipe(spans, span(WEB, t, trace, "a", null, 70_000, false));
        t += 1_000;
      }
      driver
          .createInputTopic(
              Topics.METRICS.name(),
              Topics.METRICS.keySerde().serializer(),
              Topics.METRICS.valueSerde().serializer())
          .pipeInput("k", new MetricSample(API, t, "cpu", 1, null), Instant.ofEpochMilli(t));
      driver
          .createInputTopic(
              Topics.LOGS.name(),
              Topics.LOGS.keySerde().serializer(),
              Topics.LOGS.valueSerde().serializer())
          // moves stream time past the flush interval
          .pipeInput(
              "k",
              new LogEvent(WEB, t + 120_000, "INFO", "ok", null, null),
              Instant.ofEpochMilli(t + 120_000));
      pipe(spans, span(WEB, t + 120_000, "late", "z", null, 1, false));
      Map<String, GraphEdge> latest = new HashMap<>();
      driver
          .createOutputTopic(
              Topics.GRAPH.name(),
              Topics.GRAPH.keySerde().deserializer(),
              Topics.GRAPH.valueSerde().deserializer())
          .readKeyValuesToList()
          .forEach(kv -> latest.put(kv.key, kv.value));
      return latest;
    }
  }

  private static void pipe(TestInputTopic<String, Span> topic, Span s) {
    topic.pipeInput(s.entity().key(), s, Instant.ofEpochMilli(s.time()));
  }

  private static Span span(
      Resource r, long t, String trace, String id, String parent, long micros, boolean error) {
    return new Span(r, t, trace, id, parent, "op", micros, Span.SpanKind.SERVER, error, null);
  }
}
