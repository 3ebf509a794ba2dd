package dev.culprit.replay;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.io.Directories;
import dev.culprit.kafka.ConsumerLag;
import dev.culprit.kafka.IncidentConsumer;
import dev.culprit.kafka.KafkaTopics;
import dev.culprit.kafka.SignalProducer;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.Signal;
import dev.culprit.model.Topics;
import dev.culprit.model.Trigger;
import dev.culprit.run.LivePipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Runs the pipeline as a Kafka Streams application against a broker: signals are produced to the
 * canonical topics (raw records to the raw topics), incidents consumed from {@code
 * culprit.incidents}. {@link #finish()} waits until the application has committed every input and
 * repartition offset, so nothing sent is left unprocessed.
 */
public final class KafkaDriver implements PipelineDriver {
  private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(30);

  private final String applicationId = "culprit-replay-" + UUID.randomUUID();
  private final String bootstrapServers;
  private final Path stateDir;
  private final KafkaStreams streams;
  private final SignalProducer producer;
  private final IncidentConsumer incidents;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final long suppressedBefore;
  private boolean rawSent;

  public KafkaDriver(String bootstrapServers, Topology topology) {
    this.bootstrapServers = bootstrapServers;
    KafkaTopics.create(bootstrapServers, LivePipeline.topics(), 1, Duration.ofSeconds(60));
    this.suppressedBefore = suppressedEnd();
    this.stateDir = Directories.createTemp("culprit-replay-state");
    Properties p = CulpritPipeline.streamsProperties(applicationId, bootstrapServers, stateDir);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    streams = new KafkaStreams(topology, p);
    streams.setUncaughtExceptionHandler(
        e -> {
          failure.set(e);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.start();
    producer = new SignalProducer(bootstrapServers, applicationId + "-producer");
    incidents = new IncidentConsumer(bootstrapServers, applicationId + "-incidents");
  }

  @Override
  public void send(Signal signal) {
    producer.send(signal);
  }

  @Override
  public void sendRaw(RawRecord record) {
    rawSent = true;
    producer.send(record);
  }

  @Override
  public void declare(List<GraphEdge> edges) {
    edges.forEach(producer::send);
  }

  @Override
  public void trigger(Trigger trigger) {
    producer.send(trigger);
  }

  @Override
  public List<Incident> drainIncidents() {
    checkHealthy();
    return incidents.poll(Duration.ZERO);
  }

  @Override
  public List<Incident> finish() {
    producer.flush();
    List<Incident> out = new ArrayList<>();
    long deadline = System.nanoTime() + FINISH_TIMEOUT.toNanos();
    try (Admin admin = KafkaTopics.admin(bootstrapServers)) {
      while (lag(admin) > 0) {
        checkHealthy();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Pipeline did not catch up within " + FINISH_TIMEOUT);
        }
        out.addAll(incidents.poll(Duration.ofMillis(500)));
      }
    }
    List<Incident> batch;
    do {
      batch = incidents.poll(Duration.ofSeconds(2));
      out.addAll(batch);
    } while (!batch.isEmpty());
    return out;
  }

  /** Suppressed items published since this driver started: the growth of the topic's end. */
  @Override
  public long suppressed() {
    return suppressedEnd() - suppressedBefore;
  }

  private long suppressedEnd() {
    try (Admin admin = KafkaTopics.admin(bootstrapServers)) {
      String topic = Topics.SUPPRESSED.name();
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      Map<TopicPartition, OffsetSpec> ask = new java.util.HashMap<>();
      for (int i = 0; i < partitions; i++) {
        ask.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      return admin.listOffsets(ask).all().get().values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
          .sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading " + Topics.SUPPRESSED.name(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          "Cannot read the offsets of " + Topics.SUPPRESSED.name() + ": " + e.getCause(), e);
    }
  }

  /** Records not yet committed by the application, over its input and repartition topics. */
  private long lag(Admin admin) {
    List<TopicPartition> inputs = new ArrayList<>();
    for (var t : Topics.signals()) {
      inputs.add(new TopicPartition(t.name(), 0));
    }
    for (String topic : rawSent ? Formats.topics() : List.<String>of()) {
      inputs.add(new TopicPartition(topic, 0));
    }
    return ConsumerLag.of(admin, applicationId, inputs);
  }

  private void checkHealthy() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("The pipeline failed: " + t.getMessage(), t);
    }
  }

  @Override
  public void close() {
    producer.close();
    incidents.close();
    streams.close(Duration.ofSeconds(30));
    streams.cleanUp();
    Directories.deleteRecursively(stateDir);
  }
}
