package dev.culprit.kafka;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.recording.RawDataset;
import dev.culprit.ingest.recording.RawSource;
import java.util.List;

/**
 * The records that raw topics of a cluster retain, replayed as raw records straight from the
 * cluster: for each partition, from the first offset with a timestamp at or after {@code since} to
 * the last before {@code until} (or the end the partition had when the replay started), partitions
 * merged by timestamp as Kafka Streams reads them. Nothing is written to the cluster and no
 * consumer group is joined. It carries no labels.
 */
public final class TopicsDataset implements RawDataset {
  private final String bootstrapServers;
  private final List<String> topics;
  private final long since;
  private final long until;

  /**
   * Raw topics {@code topics} of the cluster at {@code bootstrapServers}, between {@code since}
   * (inclusive) and {@code until} (exclusive), epoch millis; {@code Long.MIN_VALUE} and {@code
   * Long.MAX_VALUE} for no bound.
   */
  public TopicsDataset(String bootstrapServers, List<String> topics, long since, long until) {
    if (until <= since) {
      throw new IllegalArgumentException("Invalid time range: " + since + ".." + until);
    }
    this.bootstrapServers = bootstrapServers;
    this.topics = List.copyOf(topics);
    this.since = since;
    this.until = until;
  }

  /** {@code topics@HOST:PORT}. */
  @Override
  public String name() {
    return "topics@" + bootstrapServers;
  }

  @Override
  public List<FaultLabel> faults() {
    return List.of();
  }

  @Override
  public RawSource openRaw() {
    return TopicsSource.open(bootstrapServers, topics, since, until);
  }
}
