package dev.culprit.kafka;

import dev.culprit.ingest.recording.RawCursor;
import dev.culprit.ingest.recording.RawMerge;
import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.ingest.recording.RawSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads an offset range of every partition of some raw topics with one consumer, and hands out each
 * partition's records in offset order to a {@link RawMerge}. Partitions holding {@link
 * #MAX_BUFFERED} records not yet taken are paused, so memory stays bounded while the merge waits on
 * a partition that is behind in time; a partition that has reached its end is paused for good.
 * Partitions are merged in topic and partition order on equal timestamps, as a recording of them
 * is.
 */
final class TopicsSource implements RawSource {
  static final int MAX_BUFFERED = 5_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Long> ends;
  private final Map<TopicPartition, ArrayDeque<RawRecord>> buffers = new HashMap<>();
  private final RawMerge merge;
  private long taken;

  private TopicsSource(
      KafkaConsumer<byte[], byte[]> consumer,
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> ends,
      long since,
      long until) {
    this.consumer = consumer;
    this.ends = ends;
    List<RawCursor> cursors = new ArrayList<>();
    long total = 0;
    for (TopicPartition tp : starts.keySet()) {
      buffers.put(tp, new ArrayDeque<>());
      cursors.add(new Cursor(tp));
      total += Math.max(0, ends.get(tp) - starts.get(tp));
    }
    this.merge =
        new RawMerge(
            cursors, r -> r.timestamp() >= since && r.timestamp() < until, () -> taken, total);
  }

  /** Opens the offset ranges of {@code [since, until)} of the partitions of {@code topics}. */
  static TopicsSource open(String bootstrapServers, List<String> topics, long since, long until) {
    KafkaConsumer<byte[], byte[]> consumer =
        RawTopics.consumer(bootstrapServers, "culprit-replay-from-topics");
    try {
      List<TopicPartition> partitions = RawTopics.partitions(consumer, topics, TIMEOUT);
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException(
            "None of the topics " + topics + " exists at " + bootstrapServers);
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      Map<TopicPartition, Long> starts = offsetsAt(consumer, partitions, since, end);
      Map<TopicPartition, Long> ends = offsetsAt(consumer, partitions, until, end);
      starts.forEach(consumer::seek);
      return new TopicsSource(consumer, starts, ends, since, until);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /** The first offset of each partition with a timestamp at or after {@code time}, else its end. */
  private static Map<TopicPartition, Long> offsetsAt(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      long time,
      Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> out = new LinkedHashMap<>();
    if (time == Long.MAX_VALUE) {
      partitions.forEach(tp -> out.put(tp, end.get(tp)));
      return out;
    }
    Map<TopicPartition, Long> ask = new HashMap<>();
    partitions.forEach(tp -> ask.put(tp, Math.max(0, time)));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(ask, TIMEOUT);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp o = found.get(tp);
      out.put(tp, o == null ? end.get(tp) : Math.min(o.offset(), end.get(tp)));
    }
    return out;
  }

  private RawRecord next(TopicPartition tp) {
    ArrayDeque<RawRecord> buffer = buffers.get(tp);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (buffer.isEmpty()) {
      if (consumer.position(tp, TIMEOUT) >= ends.get(tp)) {
        return null;
      }
      if (!pollFor(tp) && System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "No records from " + tp + " for " + TIMEOUT.toSeconds() + " s");
      }
    }
    taken++;
    return buffer.poll();
  }

  /** Polls once with {@code wanted} fetching; whether anything arrived. */
  private boolean pollFor(TopicPartition wanted) {
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (var e : buffers.entrySet()) {
      TopicPartition tp = e.getKey();
      boolean full = e.getValue().size() >= MAX_BUFFERED;
      boolean done = consumer.position(tp, TIMEOUT) >= ends.get(tp);
      (!tp.equals(wanted) && (full || done) ? pause : resume).add(tp);
    }
    consumer.pause(pause);
    consumer.resume(resume);
    boolean any = false;
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      if (r.offset() < ends.get(tp)) {
        buffers.get(tp).add(RawTopics.raw(r));
        any = true;
      }
    }
    return any;
  }

  @Override
  public boolean hasNext() {
    return merge.hasNext();
  }

  @Override
  public RawRecord next() {
    return merge.next();
  }

  @Override
  public long bytesRead() {
    return merge.bytesRead();
  }

  @Override
  public long totalBytes() {
    return merge.totalBytes();
  }

  @Override
  public void close() {
    merge.close();
    consumer.close();
  }

  /** One partition's records, as the merge pulls them. */
  private final class Cursor implements RawCursor {
    private final TopicPartition tp;

    Cursor(TopicPartition tp) {
      this.tp = tp;
    }

    @Override
    public RawRecord next() {
      return TopicsSource.this.next(tp);
    }

    @Override
    public void close() {
      buffers.get(tp).clear();
    }
  }
}
