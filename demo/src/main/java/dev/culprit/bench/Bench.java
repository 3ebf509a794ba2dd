package dev.culprit.bench;

import dev.culprit.correlation.PipelineConfig;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.stage.NormalizeStage;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.kafka.KafkaTopics;
import dev.culprit.model.Topic;
import dev.culprit.run.LivePipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One benchmark run, side by side on one in-JVM broker and one input: the raw records are produced
 * once, then (1) a pass-through Kafka Streams application, (2) {@link NormalizeStage} alone and (3)
 * the full live topology each read all of them from the start; then, on a fresh broker, the full
 * topology is fed the same records at a steady rate to time event → incident latency.
 */
public final class Bench {
  static final String PASS_THROUGH_TOPIC = "culprit.bench.passthrough";

  /** Phases, in the order they run. */
  static final String PASS_THROUGH = "pass-through";

  static final String NORMALIZE = "normalize";
  static final String FULL = "full-pipeline";

  /** The default rate of the latency run is raised so that the run lasts at most this long. */
  static final Duration LATENCY_RUN_MAX = Duration.ofMinutes(2);

  private final PipelineConfig config;
  private final Consumer<String> progress;

  public Bench(PipelineConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
  }

  /**
   * Runs the bench over {@code bench}'s records; {@code latencyRate} is the records/s of the
   * latency run, or 0 for half the measured full-pipeline throughput (raised if need be so that the
   * run lasts at most {@link #LATENCY_RUN_MAX}).
   */
  public BenchReport run(BenchInput bench, double latencyRate) throws InterruptedException {
    List<RawRecord> input = bench.records();
    MemoryWatch memory = MemoryWatch.start();
    List<StreamsPhase.Result> phases = new ArrayList<>();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      String servers = broker.bootstrapServers();
      createTopics(servers);
      long produceMillis = produce(servers, input);
      progress.accept(
          String.format("produced %,d raw records in %,d ms", input.size(), produceMillis));
      StreamsPhase phase = new StreamsPhase(servers, Formats.topics());
      StreamsPhase.Progress lag =
          (name, left) -> progress.accept(String.format("%s: %,d records to go", name, left));
      phases.add(phase.run(PASS_THROUGH, passThrough(), input.size(), lag));
      report(phases.getLast());
      phases.add(phase.run(FULL, LivePipeline.topology(config), input.size(), lag));
      report(phases.getLast());
      phases.add(phase.run(NORMALIZE, normalizeOnly(), input.size(), lag));
      report(phases.getLast());
    }
    double rate =
        latencyRate > 0
            ? latencyRate
            : Math.max(
                phases.get(1).recordsPerSecond() / 2,
                input.size() / (double) LATENCY_RUN_MAX.toSeconds());
    LatencyPhase.Result latency;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      createTopics(broker.bootstrapServers());
      progress.accept(String.format("latency: sending %,d records at %,.0f/s", input.size(), rate));
      latency =
          new LatencyPhase(broker.bootstrapServers(), config.evidence().grace())
              .run(LivePipeline.topology(config), input, rate);
    }
    return BenchReport.of(input.size(), phases, latency, memory.stop());
  }

  private void report(StreamsPhase.Result r) {
    progress.accept(
        String.format("%s: %,.0f records/s (%,d ms)", r.name(), r.recordsPerSecond(), r.millis()));
  }

  private static void createTopics(String servers) {
    List<Topic<?, ?>> topics = new ArrayList<>(LivePipeline.topics());
    topics.add(new Topic<>(PASS_THROUGH_TOPIC, Serdes.ByteArray(), Serdes.ByteArray()));
    KafkaTopics.create(servers, topics, 1, Duration.ofSeconds(60));
  }

  private static long produce(String servers, List<RawRecord> input) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (RawRecord r : input) {
        producer.send(new ProducerRecord<>(r.topic(), null, r.time(), null, r.payload()));
      }
      producer.flush();
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** Reads every raw topic and writes each record unchanged to one topic. */
  static Topology passThrough() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Formats.topics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(PASS_THROUGH_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    return builder.build();
  }

  private static Topology normalizeOnly() {
    StreamsBuilder builder = new StreamsBuilder();
    new NormalizeStage().addTo(builder);
    return builder.build();
  }
}
