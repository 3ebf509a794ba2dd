package dev.culprit.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of consumed incident records whose notifications are not settled yet, so that only
 * offsets below the oldest unsettled one are committed: a crash then re-reads every version whose
 * notifications may not have gone out. Thread-safe: records are added on the consumer thread and
 * settled on delivery threads.
 */
final class PendingOffsets {
  private final Map<TopicPartition, Partition> partitions = new HashMap<>();

  /** Notes that {@code offset} was consumed; the returned action settles it. */
  synchronized Runnable add(TopicPartition tp, long offset) {
    Partition p = partitions.computeIfAbsent(tp, t -> new Partition());
    p.pending.add(offset);
    p.next = Math.max(p.next, offset + 1);
    return () -> settle(tp, offset);
  }

  private synchronized void settle(TopicPartition tp, long offset) {
    Partition p = partitions.get(tp);
    if (p != null) {
      p.pending.remove(offset);
    }
  }

  /** For each partition, the offset to commit: the oldest unsettled, else the next to consume. */
  synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    partitions.forEach(
        (tp, p) ->
            out.put(tp, new OffsetAndMetadata(p.pending.isEmpty() ? p.next : p.pending.first())));
    return out;
  }

  /** Stops tracking partitions this consumer no longer owns. */
  synchronized void drop(Iterable<TopicPartition> revoked) {
    revoked.forEach(partitions::remove);
  }

  private static final class Partition {
    private final TreeSet<Long> pending = new TreeSet<>();
    private long next;
  }
}
