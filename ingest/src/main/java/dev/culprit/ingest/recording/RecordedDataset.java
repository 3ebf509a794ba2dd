package dev.culprit.ingest.recording;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.ReadStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording that {@code culprit record} wrote ({@link RecordingWriter}), replayed as raw records:
 * the closed segments of every partition of the given topics, merged by {@link RawMerge}, records
 * outside {@code [since, until)} of Kafka timestamp left out. Segments left open by a recorder that
 * was killed are ignored with a warning. A recording carries no labels; a replay takes them from a
 * labels file.
 */
public final class RecordedDataset implements RawDataset {
  private static final Logger LOG = LoggerFactory.getLogger(RecordedDataset.class);

  private final Path root;
  private final List<RawPartition> partitions;
  private final long since;
  private final long until;

  private RecordedDataset(Path root, List<RawPartition> partitions, long since, long until) {
    this.root = root;
    this.partitions = List.copyOf(partitions);
    this.since = since;
    this.until = until;
  }

  /**
   * The recording in {@code root}, limited to {@code topics}.
   *
   * @throws IllegalArgumentException when {@code root} is not a directory or holds no closed
   *     segment of those topics
   */
  public static RecordedDataset open(Path root, Set<String> topics) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("No recording at " + root + ": no such directory");
    }
    for (Path p : RecordingLayout.partials(root)) {
      LOG.warn("Ignoring {}: a segment its recorder never closed", p);
    }
    List<RawPartition> kept = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (RawPartition p : RecordingLayout.partitions(root)) {
      if (RecordingLayout.segments(root, p).isEmpty()) {
        continue;
      }
      if (topics.contains(p.topic())) {
        kept.add(p);
      } else if (!other.contains(p.topic())) {
        other.add(p.topic());
      }
    }
    if (!other.isEmpty()) {
      LOG.warn("Leaving out topics of {} the normalising stage does not read: {}", root, other);
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(
          "No recording at "
              + root
              + ": no closed segment of "
              + topics.stream().sorted().toList());
    }
    return new RecordedDataset(root, kept, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** The same recording limited to records with timestamps in {@code [since, until)}. */
  public RecordedDataset between(long since, long until) {
    if (until <= since) {
      throw new IllegalArgumentException("Invalid time range: " + since + ".." + until);
    }
    return new RecordedDataset(root, partitions, since, until);
  }

  /** {@code recorded/<directory name>}. */
  @Override
  public String name() {
    return "recorded/" + root.toAbsolutePath().normalize().getFileName();
  }

  /** None: a recording carries no labels. */
  @Override
  public List<FaultLabel> faults() {
    return List.of();
  }

  /** The partitions replayed, sorted. */
  public List<RawPartition> partitions() {
    return partitions;
  }

  @Override
  public RawSource openRaw() throws IOException {
    ReadStats stats = new ReadStats();
    List<PartitionCursor> cursors = new ArrayList<>();
    long total = 0;
    for (RawPartition p : partitions) {
      List<RecordingLayout.SegmentFile> segments = RecordingLayout.segments(root, p);
      for (RecordingLayout.SegmentFile s : segments) {
        total += Files.size(s.path());
      }
      cursors.add(new PartitionCursor(segments, stats));
    }
    return new RawMerge(
        cursors, r -> r.timestamp() >= since && r.timestamp() < until, stats::bytesRead, total);
  }
}
