package dev.culprit.topology.stage;

import dev.culprit.model.GraphEdge;
import dev.culprit.model.InternalSerdes;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Span;
import dev.culprit.model.Topics;
import dev.culprit.topology.state.ObjectCachingStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Learns the entity graph from signals.
 *
 * <ul>
 *   <li>Input: {@code culprit.spans}, {@code culprit.metrics}, {@code culprit.logs} (key: entity).
 *   <li>Spans are repartitioned by trace id ({@code graph-spans-by-trace-v2}); a parent span's
 *       entity calls its child's entity, at instance and at service level. Spans wait up to {@code
 *       traceTtl} of stream time for their relatives (store {@code graph-traces-v2}).
 *   <li>Resource attributes of every signal give instance-of and hosted-on edges, re-observed at
 *       most once per {@code membershipRefresh} (store {@code graph-members-v1}).
 *   <li>Edge observations are batched per {@code flushInterval} (store {@code
 *       graph-edge-batch-v2}), summed per edge (store {@code graph-edges-v2}) and written to {@code
 *       culprit.graph} (key: {@link GraphEdge#key()}), a compacted table of the whole graph, marked
 *       with the header {@link #ORIGIN_HEADER}, and to {@code culprit.graph.checked}.
 *   <li>Records others write to {@code culprit.graph} (declared edges) are read back ({@link
 *       GraphIntakeProcessor}): readable ones whose key is their edge's go on to {@code
 *       culprit.graph.checked}, the topic the incident stage's global store reads; unreadable ones
 *       reach {@code culprit.dlq} through the application's exception handlers. So one bad record
 *       there never reaches the global store, where Kafka Streams could not dead-letter it.
 * </ul>
 */
public final class GraphStage {
  static final String TRACES_STORE = "graph-traces-v2";
  public static final String BATCH_STORE = "graph-edge-batch-v2";
  static final String MEMBERS_STORE = "graph-members-v1";
  public static final String EDGES_STORE = "graph-edges-v2";

  /** The header that marks the records of {@code culprit.graph} this stage wrote itself. */
  public static final String ORIGIN_HEADER = "culprit.graph.origin";

  private final GraphStageConfig config;

  public GraphStage(GraphStageConfig config) {
    this.config = config;
  }

  /** Adds the stage, reading the given canonical streams. */
  public void addTo(
      StreamsBuilder builder,
      KStream<String, Span> spans,
      KStream<String, MetricSample> metrics,
      KStream<String, LogEvent> logs) {
    addStores(builder);
    KStream<String, GraphEdge> calls =
        spans
            .selectKey((entity, span) -> span.traceId(), Named.as("graph-key-by-trace"))
            .repartition(
                Repartitioned.<String, Span>as("graph-spans-by-trace-v2")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(InternalSerdes.SPAN))
            .process(
                () -> new TraceJoinProcessor(config), Named.as("graph-trace-join"), TRACES_STORE)
            .process(
                () -> new EdgeBatchProcessor(config), Named.as("graph-edge-batch"), BATCH_STORE);
    KStream<String, GraphEdge> members =
        SignalStreams.merge("graph", metrics, logs, spans)
            .process(
                () -> new MembershipProcessor(config), Named.as("graph-membership"), MEMBERS_STORE);
    KStream<String, GraphEdge> learned =
        calls
            .merge(members, Named.as("graph-merge-edges"))
            .groupByKey(
                Grouped.<String, GraphEdge>as("graph-edges-by-key-v2")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(InternalSerdes.GRAPH_EDGE))
            .reduce(
                GraphEdge::plus,
                Named.as("graph-sum-edges"),
                Materialized.<String, GraphEdge>as(Stores.inMemoryKeyValueStore(EDGES_STORE))
                    .withKeySerde(Serdes.String())
                    .withValueSerde(InternalSerdes.GRAPH_EDGE))
            .toStream(Named.as("graph-edges-stream"))
            .processValues(GraphIntakeProcessor.Mark::new, Named.as("graph-mark-learned"));
    learned.to(
        Topics.GRAPH.name(),
        Produced.with(Topics.GRAPH.keySerde(), Topics.GRAPH.valueSerde()).withName("graph-sink"));
    learned.to(
        Topics.GRAPH_CHECKED.name(),
        Produced.with(Topics.GRAPH_CHECKED.keySerde(), Topics.GRAPH_CHECKED.valueSerde())
            .withName("graph-checked-sink"));
    addIntake(builder);
  }

  private static void addIntake(StreamsBuilder builder) {
    builder.stream(
            Topics.GRAPH.name(),
            Consumed.with(Topics.GRAPH.keySerde(), Topics.GRAPH.valueSerde())
                .withName("graph-intake-source"))
        .process(GraphIntakeProcessor::new, Named.as("graph-intake-check"))
        .to(
            Topics.GRAPH_CHECKED.name(),
            Produced.with(Topics.GRAPH_CHECKED.keySerde(), Topics.GRAPH_CHECKED.valueSerde())
                .withName("graph-intake-sink"));
  }

  /** Adds the stage reading the canonical topics directly. */
  public void addTo(StreamsBuilder builder) {
    addTo(
        builder,
        builder.stream(
            Topics.SPANS.name(),
            Consumed.with(Topics.SPANS.keySerde(), Topics.SPANS.valueSerde())
                .withName("graph-spans-source")),
        builder.stream(
            Topics.METRICS.name(),
            Consumed.with(Topics.METRICS.keySerde(), Topics.METRICS.valueSerde())
                .withName("graph-metrics-source")),
        builder.stream(
            Topics.LOGS.name(),
            Consumed.with(Topics.LOGS.keySerde(), Topics.LOGS.valueSerde())
                .withName("graph-logs-source")));
  }

  private static void addStores(StreamsBuilder builder) {
    // a trace's state is read and written back for every span of it: kept as an object until the
    // task commits, it is serialised once per commit instead
    builder.addStateStore(
        ObjectCachingStore.builder(
            Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TRACES_STORE),
                Serdes.String(),
                TraceStateCodec.serde())));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(BATCH_STORE), Serdes.String(), InternalSerdes.GRAPH_EDGE));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(MEMBERS_STORE), Serdes.String(), Serdes.Long()));
  }
}
