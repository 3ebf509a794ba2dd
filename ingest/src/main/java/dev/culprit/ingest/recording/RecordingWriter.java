package dev.culprit.ingest.recording;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes raw records into a recording directory ({@link RecordingLayout}): one open segment per
 * partition, gzip-compressed ({@link SegmentFormat}), closed and renamed to its offset range once
 * it holds {@link Options#maxSegmentBytes()} of records, once it has been open {@link
 * Options#maxSegmentAge()} (checked on every write and by {@link #rotate()}), and on {@link
 * #close()}.
 *
 * <p>A recorder that was killed leaves {@code .partial} segments. Opening a writer on the directory
 * deletes them, with a warning, and {@link #resumeOffsets()} says where each partition's closed
 * segments end, so the records of the deleted segments are read again from the topic while it still
 * retains them. A record at or before the last offset written for its partition is skipped, so
 * nothing is recorded twice.
 */
public final class RecordingWriter implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingWriter.class);
  private static final long MAX_SEGMENT_BYTES = 1L << 30;

  /**
   * When segments are closed.
   *
   * @param maxSegmentBytes uncompressed record bytes after which a segment is closed (1 GiB at
   *     most)
   * @param maxSegmentAge wall-clock time after which a segment is closed
   */
  public record Options(long maxSegmentBytes, Duration maxSegmentAge) {
    public Options {
      if (maxSegmentBytes < 1 || maxSegmentBytes > MAX_SEGMENT_BYTES) {
        throw new IllegalArgumentException("Invalid maxSegmentBytes: " + maxSegmentBytes);
      }
      if (maxSegmentAge == null || maxSegmentAge.isNegative() || maxSegmentAge.isZero()) {
        throw new IllegalArgumentException("Invalid maxSegmentAge: " + maxSegmentAge);
      }
    }

    /** 64 MiB or 10 minutes, whichever comes first. */
    public static Options defaults() {
      return new Options(64L << 20, Duration.ofMinutes(10));
    }
  }

  private final Path root;
  private final Options options;
  private final LongSupplier clock;
  private final Map<RawPartition, Long> lastWritten = new HashMap<>();
  private final Map<RawPartition, Segment> open = new HashMap<>();
  private final List<Path> discarded;
  private long records;

  private RecordingWriter(Path root, Options options, LongSupplier clock, List<Path> discarded) {
    this.root = root;
    this.options = options;
    this.clock = clock;
    this.discarded = List.copyOf(discarded);
  }

  /** Opens {@code root} (created if absent) for writing, on the wall clock. */
  public static RecordingWriter open(Path root, Options options) throws IOException {
    return open(root, options, System::currentTimeMillis);
  }

  /** Opens {@code root} for writing, on the clock {@code clockMillis} (for tests). */
  static RecordingWriter open(Path root, Options options, LongSupplier clockMillis)
      throws IOException {
    Files.createDirectories(root);
    List<Path> partials = RecordingLayout.partials(root);
    for (Path p : partials) {
      LOG.warn("Deleting {}: a segment its recorder never closed", p);
      Files.delete(p);
    }
    RecordingWriter w = new RecordingWriter(root, options, clockMillis, partials);
    for (RawPartition p : RecordingLayout.partitions(root)) {
      List<RecordingLayout.SegmentFile> segments = RecordingLayout.segments(root, p);
      if (!segments.isEmpty()) {
        w.lastWritten.put(p, segments.getLast().last());
      }
    }
    return w;
  }

  /** The offset to read next of every partition with closed segments: one past the last. */
  public Map<RawPartition, Long> resumeOffsets() {
    Map<RawPartition, Long> next = new HashMap<>();
    lastWritten.forEach((p, last) -> next.put(p, last + 1));
    return next;
  }

  /** The unclosed segments deleted when the writer was opened. */
  public List<Path> discarded() {
    return discarded;
  }

  /**
   * Writes a record to its partition's open segment, opening one if needed.
   *
   * @return false when the record was skipped: its partition already holds its offset
   */
  public boolean write(RawRecord r) throws IOException {
    RawPartition p = new RawPartition(r.topic(), r.partition());
    Long last = lastWritten.get(p);
    if (last != null && r.offset() <= last) {
      return false;
    }
    Segment s = open.get(p);
    if (s == null) {
      s = new Segment(p, r.offset(), clock.getAsLong());
      open.put(p, s);
    }
    s.write(r);
    lastWritten.put(p, r.offset());
    records++;
    if (s.bytes >= options.maxSegmentBytes() || due(s)) {
      open.remove(p).close();
    }
    return true;
  }

  /** Closes every segment that has been open for the maximum age. */
  public void rotate() throws IOException {
    for (Segment s : new ArrayList<>(open.values())) {
      if (due(s)) {
        open.remove(s.partition).close();
      }
    }
  }

  /** Records written since the writer was opened. */
  public long records() {
    return records;
  }

  private boolean due(Segment s) {
    return clock.getAsLong() - s.openedAt >= options.maxSegmentAge().toMillis();
  }

  /** Closes every open segment. */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (Segment s : open.values()) {
      try {
        s.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /** The segment being written for one partition. */
  private final class Segment {
    final RawPartition partition;
    final long first;
    final long openedAt;
    final Path file;
    final DataOutputStream out;
    long last;
    long bytes;

    Segment(RawPartition partition, long first, long openedAt) throws IOException {
      this.partition = partition;
      this.first = first;
      this.openedAt = openedAt;
      this.file = RecordingLayout.partial(root, partition, first);
      Files.createDirectories(file.getParent());
      this.out =
          new DataOutputStream(
              new BufferedOutputStream(
                  new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16));
      SegmentFormat.writeMagic(out);
    }

    void write(RawRecord r) throws IOException {
      bytes += SegmentFormat.write(out, r);
      last = r.offset();
    }

    void close() throws IOException {
      out.close();
      Files.move(
          file,
          RecordingLayout.closed(root, partition, first, last),
          StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
