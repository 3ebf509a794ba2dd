package dev.culprit.demo;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.io.Directories;
import dev.culprit.kafka.IncidentConsumer;
import dev.culprit.kafka.KafkaTopics;
import dev.culprit.kafka.OtlpProducer;
import dev.culprit.kafka.SignalProducer;
import dev.culprit.kafka.SignalWriter;
import dev.culprit.metrics.CulpritMetrics;
import dev.culprit.model.Incident;
import dev.culprit.model.Signal;
import dev.culprit.run.LivePipeline;
import dev.culprit.sim.InjectedFault;
import dev.culprit.sim.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a demo: feeds a {@link Simulator}'s signals through a Kafka Streams topology on a broker and
 * reports injected faults and the incidents the topology writes.
 *
 * <p>{@link #run(Consumer)} creates every topic of the live pipeline (raw ones included), starts
 * the topology with {@link CulpritPipeline#streamsProperties} (a temporary state directory, exactly
 * once, as {@code culprit run} runs by default, a transaction every {@link
 * Settings#commitInterval()}), produces the simulator's warm-up history as fast as it can, then
 * advances event time {@link Settings#speedup()} times faster than real time. Signals go to the raw
 * OTLP topics as a Collector would write them ({@link OtlpProducer}), or each to its canonical
 * topic keyed by its entity with its event time as record timestamp ({@link Transport}). The sink
 * gets a {@link DemoEvent.FaultEvent} when a fault starts and a {@link DemoEvent.IncidentEvent} for
 * every record read from {@code culprit.incidents}, all on the calling thread. The run ends after
 * {@link Settings#duration()} of real time (warm-up included), on {@link #stop()}, or when the
 * topology fails; everything is then closed and the state directory deleted.
 */
public final class DemoRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DemoRunner.class);

  private final String bootstrapServers;
  private final Topology topology;
  private final Simulator simulator;
  private final Settings settings;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CulpritMetrics metrics;
  private volatile boolean stopRequested;
  private volatile KafkaStreams running;

  /**
   * How a demo runs.
   *
   * @param applicationId the Kafka Streams application id
   * @param duration how long the demo runs in real time, warm-up included
   * @param speedup simulated seconds per real second after the warm-up (60: a minute a second)
   * @param step simulated time produced per step after the warm-up
   * @param commitInterval Kafka Streams commit interval
   * @param partitions partitions of the topics created
   * @param transport how the simulator's signals reach the topology
   */
  public record Settings(
      String applicationId,
      Duration duration,
      double speedup,
      Duration step,
      Duration commitInterval,
      int partitions,
      Transport transport) {

    public Settings {
      if (applicationId == null || applicationId.isBlank()) {
        throw new IllegalArgumentException("Invalid applicationId: " + applicationId);
      }
      requirePositive("duration", duration);
      requirePositive("step", step);
      requirePositive("commitInterval", commitInterval);
      if (!(speedup > 0) || Double.isInfinite(speedup)) {
        throw new IllegalArgumentException("Invalid speedup: " + speedup);
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("Invalid partitions: " + partitions);
      }
      Objects.requireNonNull(transport, "transport");
    }

    /**
     * Application id {@code culprit-demo}, a minute a second in 5 s steps, 500 ms commits, OTLP on
     * the raw topics.
     */
    public static Settings defaults(Duration duration) {
      return new Settings(
          "culprit-demo",
          duration,
          60,
          Duration.ofSeconds(5),
          Duration.ofMillis(500),
          1,
          Transport.OTLP);
    }

    public Settings withSpeedup(double newSpeedup) {
      return new Settings(
          applicationId, duration, newSpeedup, step, commitInterval, partitions, transport);
    }

    public Settings withTransport(Transport newTransport) {
      return new Settings(
          applicationId, duration, speedup, step, commitInterval, partitions, newTransport);
    }

    private static void requirePositive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("Invalid " + name + ": " + d);
      }
    }
  }

  /** How the simulator's signals reach the topology. */
  public enum Transport {
    /**
     * OTLP protobuf on {@code otlp_metrics}, {@code otlp_spans} and {@code otlp_logs}, as an
     * OpenTelemetry Collector's Kafka exporter writes them: the topology must normalise them.
     */
    OTLP,
    /**
     * Canonical records on {@code culprit.metrics}, {@code culprit.spans}, {@code culprit.logs}.
     */
    CANONICAL
  }

  private SignalWriter writer() {
    String clientId = settings.applicationId() + "-simulator";
    return switch (settings.transport()) {
      case OTLP -> new OtlpProducer(bootstrapServers, clientId);
      case CANONICAL -> new SignalProducer(bootstrapServers, clientId);
    };
  }

  /**
   * What a run did.
   *
   * @param signals signals produced
   * @param faults faults reported
   * @param incidents incident records reported
   * @param simulatedUntil the event time the simulation reached (epoch millis)
   */
  public record Summary(long signals, int faults, int incidents, long simulatedUntil) {}

  public DemoRunner(
      String bootstrapServers, Topology topology, Simulator simulator, Settings settings) {
    this(bootstrapServers, topology, simulator, settings, null);
  }

  /** A demo whose Kafka Streams client's metrics go to {@code metrics} (may be null). */
  public DemoRunner(
      String bootstrapServers,
      Topology topology,
      Simulator simulator,
      Settings settings,
      CulpritMetrics metrics) {
    this.metrics = metrics;
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.topology = Objects.requireNonNull(topology, "topology");
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Asks a running demo to stop after its current step; safe from any thread, the sink included.
   */
  public void stop() {
    stopRequested = true;
  }

  /**
   * Runs the demo on the calling thread until its duration has passed or it is stopped.
   *
   * @throws IllegalStateException when the topology fails
   */
  public Summary run(Consumer<? super DemoEvent> sink) {
    Objects.requireNonNull(sink, "sink");
    KafkaTopics.create(
        bootstrapServers, LivePipeline.topics(), settings.partitions(), Duration.ofSeconds(30));
    Path stateDir = Directories.createTemp("culprit-streams-");
    KafkaStreams streams = null;
    Summary summary;
    try (SignalWriter producer = writer();
        IncidentConsumer incidents =
            new IncidentConsumer(bootstrapServers, settings.applicationId() + "-incidents")) {
      streams = new KafkaStreams(topology, streamsProperties(stateDir));
      streams.setUncaughtExceptionHandler(this::onStreamsFailure);
      if (metrics != null) {
        metrics.bind(streams);
      }
      streams.start();
      running = streams;
      Counts counts = new Counts();
      new Loop(producer, incidents, sink, counts).run();
      producer.flush();
      summary = new Summary(producer.sent(), counts.faults, counts.incidents, simulator.now());
    } finally {
      running = null;
      if (streams != null) {
        streams.close(Duration.ofSeconds(30));
      }
      Directories.deleteRecursively(stateDir);
    }
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("The pipeline failed: " + t, t);
    }
    return summary;
  }

  /**
   * What the pipeline is doing: its Kafka Streams state, or {@code NOT_RUNNING} outside {@link
   * #run}.
   */
  public String pipelineState() {
    KafkaStreams s = running;
    return s == null ? "NOT_RUNNING" : s.state().name();
  }

  /** Whether the pipeline's Kafka Streams application is {@code RUNNING}. */
  public boolean pipelineRunning() {
    KafkaStreams s = running;
    return s != null && s.state() == KafkaStreams.State.RUNNING;
  }

  private StreamThreadExceptionResponse onStreamsFailure(Throwable e) {
    LOG.error("Kafka Streams failed; shutting the demo pipeline down", e);
    failure.compareAndSet(null, e);
    stopRequested = true;
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  private Properties streamsProperties(Path stateDir) {
    Properties p =
        CulpritPipeline.streamsProperties(settings.applicationId(), bootstrapServers, stateDir);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return p;
  }

  private static final class Counts {
    int faults;
    int incidents;
  }

  /** The produce-and-report loop: warm-up at full speed, then paced event time. */
  private final class Loop {
    private static final Duration WARMUP_STEP = Duration.ofMinutes(1);
    private final SignalWriter producer;
    private final IncidentConsumer incidents;
    private final Consumer<? super DemoEvent> sink;
    private final Counts counts;
    private final long deadline;

    Loop(
        SignalWriter producer,
        IncidentConsumer incidents,
        Consumer<? super DemoEvent> sink,
        Counts counts) {
      this.producer = producer;
      this.incidents = incidents;
      this.sink = sink;
      this.counts = counts;
      this.deadline = System.nanoTime() + settings.duration().toNanos();
    }

    void run() {
      long warmupEnd = simulator.options().start() + simulator.options().warmup().toMillis();
      while (!done() && simulator.now() < warmupEnd) {
        produce(simulator.advanceTo(Math.min(warmupEnd, simulator.now() + WARMUP_STEP.toMillis())));
        report(Duration.ZERO);
      }
      producer.flush();
      long stepNanos = (long) (settings.step().toNanos() / settings.speedup());
      long next = System.nanoTime();
      while (!done()) {
        produce(simulator.advance(settings.step()));
        producer.flush();
        next += stepNanos;
        reportUntil(Math.min(next, deadline));
      }
    }

    private boolean done() {
      return stopRequested || System.nanoTime() - deadline >= 0;
    }

    private void produce(Simulator.Batch batch) {
      for (InjectedFault f : batch.started()) {
        counts.faults++;
        sink.accept(new DemoEvent.FaultEvent(f));
      }
      for (Signal s : batch.signals()) {
        producer.send(s);
      }
    }

    private void reportUntil(long nanos) {
      do {
        long left = nanos - System.nanoTime();
        report(Duration.ofNanos(Math.max(0, left)));
      } while (!stopRequested && nanos - System.nanoTime() > 0);
    }

    private void report(Duration wait) {
      for (Incident i : incidents.poll(wait)) {
        counts.incidents++;
        sink.accept(new DemoEvent.IncidentEvent(i));
      }
    }
  }
}
