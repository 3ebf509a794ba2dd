package dev.culprit.bench;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.io.Directories;
import dev.culprit.kafka.ConsumerLag;
import dev.culprit.kafka.KafkaTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Runs one Kafka Streams application over raw records already on the broker and times it: from the
 * moment it is running (its consumer group formed) until it has committed every record of its input
 * and repartition topics. Every phase of a bench uses the same settings ({@link #properties}).
 */
final class StreamsPhase {
  static final Duration COMMIT_INTERVAL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  /** What one phase measured. */
  record Result(String name, long records, long millis, double recordsPerSecond) {}

  private final String bootstrapServers;
  private final List<TopicPartition> inputs;

  StreamsPhase(String bootstrapServers, List<String> inputTopics) {
    this.bootstrapServers = bootstrapServers;
    this.inputs = inputTopics.stream().map(t -> new TopicPartition(t, 0)).toList();
  }

  /** The settings of every phase: the pipeline's, committing every {@link #COMMIT_INTERVAL}. */
  static Properties properties(String applicationId, String bootstrapServers, Path stateDir) {
    Properties p = CulpritPipeline.streamsProperties(applicationId, bootstrapServers, stateDir);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) COMMIT_INTERVAL.toMillis());
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    return p;
  }

  /** Runs {@code topology} until it has caught up with {@code records} raw input records. */
  Result run(String name, Topology topology, long records, Progress progress) {
    String applicationId = "culprit-bench-" + name + "-" + System.nanoTime();
    Path stateDir = Directories.createTemp("culprit-bench-state");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (Admin admin = KafkaTopics.admin(bootstrapServers);
        KafkaStreams streams =
            new KafkaStreams(topology, properties(applicationId, bootstrapServers, stateDir))) {
      streams.setUncaughtExceptionHandler(
          e -> {
            failure.set(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      streams.start();
      awaitRunning(streams, failure, name);
      long started = System.nanoTime();
      long deadline = started + TIMEOUT.toNanos();
      long reported = started;
      List<TopicPartition> consumed = consumed(topology, applicationId);
      long lag;
      while ((lag = ConsumerLag.of(admin, applicationId, consumed)) > 0) {
        if (failure.get() != null) {
          throw new IllegalStateException(name + " failed: " + failure.get(), failure.get());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(name + " did not catch up within " + TIMEOUT);
        }
        if (System.nanoTime() - reported > PROGRESS_EVERY.toNanos()) {
          progress.report(name, lag);
          reported = System.nanoTime();
        }
        sleep();
      }
      long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
      streams.close(Duration.ofSeconds(30));
      streams.cleanUp();
      return new Result(name, records, millis, records * 1000.0 / millis);
    } finally {
      Directories.deleteRecursively(stateDir);
    }
  }

  /**
   * The raw inputs and the topology's repartition topics (named {@code applicationId-NAME}), so a
   * phase is not over while repartitioned records wait unread.
   */
  private List<TopicPartition> consumed(Topology topology, String applicationId) {
    List<TopicPartition> out = new ArrayList<>(inputs);
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          source.topicSet().stream()
              .filter(t -> t.endsWith("-repartition"))
              .forEach(t -> out.add(new TopicPartition(applicationId + "-" + t, 0)));
        }
      }
    }
    return out;
  }

  private static void awaitRunning(
      KafkaStreams streams, AtomicReference<Throwable> failure, String name) {
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (failure.get() != null || streams.state().hasStartedOrFinishedShuttingDown()) {
        throw new IllegalStateException(name + " did not start: " + failure.get(), failure.get());
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /** Told the lag of the running phase now and then. */
  interface Progress {
    void report(String phase, long lag);
  }
}
