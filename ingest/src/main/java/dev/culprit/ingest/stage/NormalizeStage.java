package dev.culprit.ingest.stage;

import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.ingest.format.Formats;
import dev.culprit.model.Alert;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Normalises what users already emit into canonical signals.
 *
 * <ul>
 *   <li>Input: the raw topics of {@link Formats#topics()} ({@code alertmanager.raw}, {@code
 *       zipkin.raw}, {@code otlp_spans}, {@code otlp_metrics}, {@code otlp_logs}); bytes as
 *       written, with an optional {@code content-type} header.
 *   <li>Output: {@code culprit.alerts}, {@code culprit.metrics}, {@code culprit.logs}, {@code
 *       culprit.spans} keyed by entity, timestamped with event time; every record that cannot be
 *       read goes to {@code culprit.dlq} with its original bytes and headers naming the source
 *       topic, partition, offset and reason ({@link DeadLetters}). Nothing is dropped: each raw
 *       record yields its signals, and one dead letter when it, or any item of it, cannot be read.
 *   <li>Event time: a signal whose time the {@link EventTimeRule} refuses (before 1970, or too far
 *       ahead of the clock in a live run) is left out, and its record is a dead letter.
 *   <li>Stateless: no stores, no repartition.
 * </ul>
 */
public final class NormalizeStage {
  private final List<String> rawTopics;
  private final EntityMapping mapping;
  private final EventTimeRule rule;

  public NormalizeStage(List<String> rawTopics, EntityMapping mapping, EventTimeRule rule) {
    this.rawTopics = List.copyOf(rawTopics);
    this.mapping = mapping;
    this.rule = java.util.Objects.requireNonNull(rule, "rule");
  }

  /** Reads every raw topic with a known format, mapping alert labels by {@code mapping}. */
  public NormalizeStage(EntityMapping mapping, EventTimeRule rule) {
    this(Formats.topics(), mapping, rule);
  }

  /** Reads every raw topic with a known format, accepting any event time from 1970 on. */
  public NormalizeStage(EntityMapping mapping) {
    this(mapping, EventTimeRule.anyTime());
  }

  /** Reads every raw topic with a known format, with the default label mapping. */
  public NormalizeStage() {
    this(EntityMapping.defaults());
  }

  public void addTo(StreamsBuilder builder) {
    KStream<String, Normalized> normalized =
        builder.stream(
                rawTopics,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                    .withName("normalize-raw-source"))
            .process(() -> new NormalizeProcessor(mapping, rule), Named.as("normalize-parse"));
    normalized
        .split(Named.as("normalize-"))
        .branch(
            (k, v) -> v instanceof Normalized.Dead,
            Branched.withConsumer(NormalizeStage::toDeadLetters, "dead"))
        .branch(
            (k, v) -> signal(v) instanceof MetricSample,
            Branched.withConsumer(s -> toTopic(s, Topics.METRICS, "metrics"), "metrics"))
        .branch(
            (k, v) -> signal(v) instanceof LogEvent,
            Branched.withConsumer(s -> toTopic(s, Topics.LOGS, "logs"), "logs"))
        .branch(
            (k, v) -> signal(v) instanceof Span,
            Branched.withConsumer(s -> toTopic(s, Topics.SPANS, "spans"), "spans"))
        .branch(
            (k, v) -> signal(v) instanceof Alert,
            Branched.withConsumer(s -> toTopic(s, Topics.ALERTS, "alerts"), "alerts"))
        .noDefaultBranch();
  }

  private static Signal signal(Normalized n) {
    return n instanceof Normalized.Out o ? o.signal() : null;
  }

  private static void toDeadLetters(KStream<String, Normalized> dead) {
    dead.map(
            (k, v) ->
                new org.apache.kafka.streams.KeyValue<>(
                    (byte[]) null, ((Normalized.Dead) v).original()),
            Named.as("normalize-dead-bytes"))
        .to(
            Topics.DLQ.name(),
            Produced.with(Topics.DLQ.keySerde(), Topics.DLQ.valueSerde())
                .withName("normalize-dlq-sink"));
  }

  @SuppressWarnings("unchecked")
  private static <V extends Signal> void toTopic(
      KStream<String, Normalized> stream, Topic<String, V> topic, String name) {
    stream
        .mapValues(
            v -> (V) ((Normalized.Out) v).signal(), Named.as("normalize-" + name + "-unwrap"))
        .to(
            topic.name(),
            Produced.with(topic.keySerde(), topic.valueSerde())
                .withName("normalize-" + name + "-sink"));
  }
}
