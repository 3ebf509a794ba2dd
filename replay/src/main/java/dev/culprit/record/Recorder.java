package dev.culprit.record;

import dev.culprit.ingest.recording.RawPartition;
import dev.culprit.ingest.recording.RecordingWriter;
import dev.culprit.kafka.RawTopics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records raw topics of a cluster into a recording directory ({@link RecordingWriter}) for {@code
 * replay --dataset recorded}. It joins no consumer group: where to go on comes from the recording
 * itself, so a recorder started again on the same directory resumes each partition after its last
 * closed segment. A partition it has not recorded before is read from its earliest retained record
 * (or, asked to, from its end). Topics and partitions that appear later are found within {@link
 * #DISCOVERY}.
 *
 * <p>{@link #run()} records on the calling thread until {@link #stop()} (at once; segments are
 * closed) or {@link #finish()} (once every record the topics held when it was called is recorded).
 */
public final class Recorder {
  static final Duration DISCOVERY = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);

  /**
   * What to record, and where.
   *
   * @param bootstrapServers the cluster
   * @param topics the topics to record
   * @param out the recording directory
   * @param segments when segments are closed
   * @param fromLatest whether a partition not recorded before starts at its end, not its earliest
   */
  public record Settings(
      String bootstrapServers,
      List<String> topics,
      Path out,
      RecordingWriter.Options segments,
      boolean fromLatest) {
    public Settings {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(segments, "segments");
      if (topics == null || topics.isEmpty()) {
        throw new IllegalArgumentException("Invalid topics: " + topics);
      }
      topics = List.copyOf(topics);
    }
  }

  private final Settings settings;
  private final RecordingWriter writer;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private volatile boolean stopRequested;
  private volatile boolean finishRequested;
  private volatile long recorded;

  private Recorder(Settings settings, RecordingWriter writer) {
    this.settings = settings;
    this.writer = writer;
  }

  /** Opens the recording directory (deleting segments a killed recorder left open). */
  public static Recorder open(Settings settings) throws IOException {
    return new Recorder(settings, RecordingWriter.open(settings.out(), settings.segments()));
  }

  /** Asks {@link #run()} to close its segments and return now; safe from any thread. */
  public void stop() {
    stopRequested = true;
  }

  /** Asks {@link #run()} to return once it has recorded everything the topics hold now. */
  public void finish() {
    finishRequested = true;
  }

  /** Records written so far. */
  public long recorded() {
    return recorded;
  }

  /** Records until stopped or finished, then closes every segment. */
  public void run() throws IOException {
    try (KafkaConsumer<byte[], byte[]> consumer =
            RawTopics.consumer(settings.bootstrapServers(), "culprit-recorder");
        writer) {
      long nextDiscovery = 0;
      Map<TopicPartition, Long> target = null;
      while (!stopRequested) {
        if (System.nanoTime() - nextDiscovery >= 0 || (finishRequested && target == null)) {
          discover(consumer);
          nextDiscovery = System.nanoTime() + DISCOVERY.toNanos();
        }
        if (finishRequested && target == null) {
          target = consumer.endOffsets(new ArrayList<>(assigned), TIMEOUT);
        }
        if (assigned.isEmpty()) {
          pause();
        } else {
          write(consumer.poll(POLL));
        }
        writer.rotate();
        if (target != null && reached(consumer, target)) {
          return;
        }
      }
    }
  }

  private void write(Iterable<ConsumerRecord<byte[], byte[]>> records) throws IOException {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (writer.write(RawTopics.raw(r))) {
        recorded++;
      }
    }
  }

  /** Waits a poll's time while none of the topics exists yet. */
  private static void pause() throws IOException {
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("Interrupted while waiting for the topics");
    }
  }

  /** Assigns partitions that appeared since the last look, each at where it is to start. */
  private void discover(KafkaConsumer<byte[], byte[]> consumer) {
    List<TopicPartition> found = RawTopics.partitions(consumer, settings.topics(), TIMEOUT);
    List<TopicPartition> fresh = found.stream().filter(tp -> !assigned.contains(tp)).toList();
    if (fresh.isEmpty()) {
      return;
    }
    assigned.addAll(fresh);
    consumer.assign(new ArrayList<>(assigned));
    Map<RawPartition, Long> resume = writer.resumeOffsets();
    int resumed = 0;
    for (TopicPartition tp : fresh) {
      Long next = resume.get(new RawPartition(tp.topic(), tp.partition()));
      if (next != null) {
        resumed++;
        consumer.seek(tp, next);
      } else if (settings.fromLatest()) {
        consumer.seekToEnd(List.of(tp));
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
    }
    LOG.info("Recording {} ({} resumed after their last closed segment)", fresh, resumed);
  }

  private static boolean reached(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> target) {
    for (var e : target.entrySet()) {
      if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
