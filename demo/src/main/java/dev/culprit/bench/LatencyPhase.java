package dev.culprit.bench;

import dev.culprit.io.Directories;
import dev.culprit.kafka.IncidentConsumer;
import dev.culprit.model.Incident;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Event → incident latency of a running pipeline: raw records are sent at a steady rate while the
 * pipeline runs, and each incident version is timed from the moment the input closed the window it
 * rests on (the first record sent whose event time reached the version's event time plus the window
 * grace) to the moment it was read back from {@code culprit.incidents}.
 */
final class LatencyPhase {
  private static final long BATCH = 200;

  /** Latencies in milliseconds, nearest-rank percentiles. */
  record Result(int incidents, double p50, double p99, double max, double rate) {}

  private final String bootstrapServers;
  private final Duration grace;

  LatencyPhase(String bootstrapServers, Duration grace) {
    this.bootstrapServers = bootstrapServers;
    this.grace = grace;
  }

  /** Sends {@code input} at {@code rate} records/s through {@code topology}. */
  Result run(Topology topology, List<RawRecord> input, double rate) throws InterruptedException {
    String applicationId = "culprit-bench-latency-" + System.nanoTime();
    Path stateDir = Directories.createTemp("culprit-bench-state");
    long[] sentAt = new long[input.size()];
    List<long[]> arrivals = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (KafkaStreams streams =
            new KafkaStreams(
                topology, StreamsPhase.properties(applicationId, bootstrapServers, stateDir));
        KafkaProducer<byte[], byte[]> producer = producer();
        IncidentConsumer incidents =
            new IncidentConsumer(bootstrapServers, applicationId + "-incidents")) {
      streams.setUncaughtExceptionHandler(
          e -> {
            failure.set(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      streams.start();
      long started = System.nanoTime();
      for (int i = 0; i < input.size(); i++) {
        long due = started + (long) (i * 1e9 / rate);
        while (System.nanoTime() < due) {
          collect(incidents.poll(Duration.ofMillis(1)), arrivals);
        }
        RawRecord r = input.get(i);
        producer.send(new ProducerRecord<>(r.topic(), null, r.time(), null, r.payload()));
        sentAt[i] = System.nanoTime();
        if (i % BATCH == 0) {
          producer.flush();
        }
        if (failure.get() != null) {
          throw new IllegalStateException("The pipeline failed: " + failure.get());
        }
      }
      producer.flush();
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < until) {
        collect(incidents.poll(Duration.ofMillis(200)), arrivals);
      }
      streams.close(Duration.ofSeconds(30));
      streams.cleanUp();
    } finally {
      Directories.deleteRecursively(stateDir);
    }
    return summarise(input, sentAt, arrivals, rate);
  }

  private static void collect(List<Incident> batch, List<long[]> arrivals) {
    long now = System.nanoTime();
    for (Incident i : batch) {
      arrivals.add(new long[] {i.updatedAt(), now});
    }
  }

  private Result summarise(
      List<RawRecord> input, long[] sentAt, List<long[]> arrivals, double rate) {
    double[] millis = new double[arrivals.size()];
    int n = 0;
    for (long[] a : arrivals) {
      long closedAt = firstSentAtOrAfter(input, sentAt, a[0] + grace.toMillis());
      if (closedAt == 0 || closedAt > a[1]) {
        closedAt = firstSentAtOrAfter(input, sentAt, a[0]);
      }
      if (closedAt != 0 && closedAt <= a[1]) {
        millis[n++] = (a[1] - closedAt) / 1e6;
      }
    }
    double[] sorted = Arrays.copyOf(millis, n);
    Arrays.sort(sorted);
    return new Result(n, rank(sorted, 0.50), rank(sorted, 0.99), n == 0 ? 0 : sorted[n - 1], rate);
  }

  private static long firstSentAtOrAfter(List<RawRecord> input, long[] sentAt, long eventTime) {
    for (int i = 0; i < input.size(); i++) {
      if (input.get(i).time() >= eventTime) {
        return sentAt[i];
      }
    }
    return 0;
  }

  private static double rank(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return Math.round(sorted[Math.max(0, i)] * 10) / 10.0;
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
