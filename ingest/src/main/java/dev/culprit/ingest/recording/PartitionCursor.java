package dev.culprit.ingest.recording;

import dev.culprit.ingest.dataset.CountingInputStream;
import dev.culprit.ingest.dataset.ReadStats;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the closed segments of one partition in offset order, one open file at a time. A segment
 * that ends inside a record or is not valid gzip is read up to where it breaks, with a warning and
 * a count, and reading goes on with the next segment.
 */
final class PartitionCursor implements RawCursor {
  private final Deque<RecordingLayout.SegmentFile> segments;
  private final ReadStats stats;
  private DataInputStream in;
  private String current;

  PartitionCursor(List<RecordingLayout.SegmentFile> segments, ReadStats stats) {
    this.segments = new ArrayDeque<>(segments);
    this.stats = stats;
  }

  @Override
  public RawRecord next() throws IOException {
    while (true) {
      try {
        if (in == null && !openNext()) {
          return null;
        }
        RawRecord r = SegmentFormat.read(in);
        if (r != null) {
          return r;
        }
      } catch (EOFException | ZipException e) {
        stats.skipRow(current, 0, "segment breaks off: " + e);
      }
      close();
    }
  }

  private boolean openNext() throws IOException {
    RecordingLayout.SegmentFile s = segments.poll();
    if (s == null) {
      return false;
    }
    current = s.path().toString();
    in =
        new DataInputStream(
            new BufferedInputStream(
                new GZIPInputStream(
                    new CountingInputStream(Files.newInputStream(s.path()), stats), 1 << 16),
                1 << 16));
    SegmentFormat.readMagic(in, current);
    return true;
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      DataInputStream closing = in;
      in = null;
      closing.close();
    }
  }
}
