package dev.culprit.correlation;

import dev.culprit.correlation.evidence.EvidenceStage;
import dev.culprit.correlation.incident.IncidentStage;
import dev.culprit.correlation.rank.RootCauseRanker;
import dev.culprit.correlation.scope.ScopeStage;
import dev.culprit.correlation.suppress.ModelSource;
import dev.culprit.correlation.suppress.NoiseModel;
import dev.culprit.correlation.suppress.SuppressionStage;
import dev.culprit.model.Alert;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Span;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import dev.culprit.topology.stage.GraphStage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Composes the pipeline stages into one Kafka Streams topology: canonical signals → {@link
 * GraphStage} ({@code culprit.graph}) and {@link EvidenceStage} ({@code culprit.evidence}) → {@link
 * ScopeStage} (evidence and {@code culprit.triggers} keyed by scope) → {@link SuppressionStage}
 * ({@code culprit.suppressed}) → {@link IncidentStage} ({@code culprit.incidents}).
 */
public final class CulpritPipeline {
  private static final String ANY_TIME = String.valueOf(Long.MAX_VALUE);

  private CulpritPipeline() {}

  /** Builds the topology; every internal topic and store is explicitly named. */
  public static Topology build(PipelineConfig config) {
    return build(config, UnaryOperator.identity());
  }

  /**
   * Builds the topology with every ranker the configuration names wrapped by {@code decorate}, for
   * example in a {@link dev.culprit.correlation.rank.TimedRanker} by a replay that reports ranking
   * times.
   */
  public static Topology build(PipelineConfig config, UnaryOperator<RootCauseRanker> decorate) {
    StreamsBuilder builder = newBuilder();
    addTo(builder, config, decorate);
    return builder.build();
  }

  /** A builder that refuses auto-generated names for internal topics and stores. */
  public static StreamsBuilder newBuilder() {
    Properties naming = new Properties();
    naming.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    return new StreamsBuilder(new TopologyConfig(new StreamsConfig(withDummyIds(naming))));
  }

  /** Adds the pipeline's stages to {@code builder}, so other stages (ingest) can share it. */
  public static void addTo(StreamsBuilder builder, PipelineConfig config) {
    addTo(builder, config, UnaryOperator.identity());
  }

  /**
   * Adds the pipeline's stages to {@code builder} with every ranker wrapped by {@code decorate}
   * (see {@link #build(PipelineConfig, UnaryOperator)}).
   */
  public static void addTo(
      StreamsBuilder builder, PipelineConfig config, UnaryOperator<RootCauseRanker> decorate) {
    Supplier<RootCauseRanker> ranker =
        Rankers.supplier(config.ranker(), config.incidents().fusion());
    KStream<String, MetricSample> metrics = source(builder, Topics.METRICS);
    KStream<String, LogEvent> logs = source(builder, Topics.LOGS);
    KStream<String, Span> spans = source(builder, Topics.SPANS);
    KStream<String, Alert> alerts = source(builder, Topics.ALERTS);
    new GraphStage(config.graph()).addTo(builder, spans, metrics, logs);
    var events = new EvidenceStage(config.evidence()).addTo(builder, metrics, logs, spans, alerts);
    var byScope =
        new ScopeStage(config.scope(), config.incidents().retention()).addTo(builder, events);
    var decided = new SuppressionStage(config.suppression(), model(config)).addTo(builder, byScope);
    new IncidentStage(
            config.incidents(), () -> decorate.apply(ranker.get()), config.graph().edgeExpiry())
        .addTo(builder, decided);
  }

  private static Supplier<NoiseModel> model(PipelineConfig config) {
    Path file = config.suppression().model();
    return file == null ? ModelSource.none() : new ModelSource(file, Clock.systemUTC());
  }

  private static <V> KStream<String, V> source(StreamsBuilder builder, Topic<String, V> topic) {
    return builder.stream(
        topic.name(),
        Consumed.with(topic.keySerde(), topic.valueSerde())
            .withTimestampExtractor(new SignalTimestampExtractor())
            .withName(topic.name() + "-source"));
  }

  private static Properties withDummyIds(Properties p) {
    p.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "culprit");
    p.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return p;
  }

  /**
   * Streams properties for running the pipeline against {@code bootstrapServers}: explicit naming
   * enforced, event time from the records, and records that cannot be read, processed or written
   * sent to {@code culprit.dlq} ({@link DeadLetterHandlers}) rather than stopping the pipeline. The
   * topics Kafka Streams creates (changelogs, repartition topics) accept any record timestamp, as
   * the topics Culprit creates do: they carry event times, which a broker with Kafka's defaults
   * refuses when they are over an hour ahead of its clock (replays write old times, the demo runs
   * ahead of the clock).
   */
  public static Properties streamsProperties(
      String applicationId, String bootstrapServers, Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandlers.Deserialization.class.getName());
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandlers.Processing.class.getName());
    p.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandlers.Production.class.getName());
    p.put(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG), ANY_TIME);
    p.put(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG), ANY_TIME);
    p.put(
        StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
        SignalTimestampExtractor.class.getName());
    return p;
  }
}
