package dev.culprit.ingest.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a recording keeps its files: {@code DIR/<topic>/<partition>/<first>-<last>.raw.gz} for a
 * closed segment holding offsets {@code first} to {@code last} (20 digits each, so names sort by
 * offset), and {@code <first>.raw.gz.partial} for the segment being written.
 */
final class RecordingLayout {
  static final String SUFFIX = ".raw.gz";
  static final String PARTIAL = SUFFIX + ".partial";
  private static final Pattern CLOSED = Pattern.compile("(\\d{20})-(\\d{20})\\.raw\\.gz");
  private static final Pattern PARTITION = Pattern.compile("\\d{1,9}");

  private RecordingLayout() {}

  /**
   * A closed segment file.
   *
   * @param path the file
   * @param first the offset of its first record
   * @param last the offset of its last record
   */
  record SegmentFile(Path path, long first, long last) {}

  static Path partitionDir(Path root, RawPartition p) {
    return root.resolve(p.topic()).resolve(Integer.toString(p.partition()));
  }

  static Path partial(Path root, RawPartition p, long first) {
    return partitionDir(root, p).resolve(digits(first) + PARTIAL);
  }

  static Path closed(Path root, RawPartition p, long first, long last) {
    return partitionDir(root, p).resolve(digits(first) + "-" + digits(last) + SUFFIX);
  }

  /** The partitions with a directory under {@code root}, sorted. */
  static List<RawPartition> partitions(Path root) throws IOException {
    List<RawPartition> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    for (Path topic : list(root)) {
      if (!Files.isDirectory(topic)) {
        continue;
      }
      for (Path partition : list(topic)) {
        String name = partition.getFileName().toString();
        if (Files.isDirectory(partition) && PARTITION.matcher(name).matches()) {
          out.add(new RawPartition(topic.getFileName().toString(), Integer.parseInt(name)));
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The closed segments of a partition, by first offset. */
  static List<SegmentFile> segments(Path root, RawPartition p) throws IOException {
    List<SegmentFile> out = new ArrayList<>();
    for (Path f : list(partitionDir(root, p))) {
      Matcher m = CLOSED.matcher(f.getFileName().toString());
      if (m.matches()) {
        out.add(new SegmentFile(f, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
      }
    }
    out.sort(Comparator.comparingLong(SegmentFile::first));
    return out;
  }

  /** The segments left open by a recorder that did not close them, under {@code root}. */
  static List<Path> partials(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    for (RawPartition p : partitions(root)) {
      for (Path f : list(partitionDir(root, p))) {
        if (f.getFileName().toString().endsWith(PARTIAL)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static String digits(long offset) {
    return String.format(Locale.ROOT, "%020d", offset);
  }
}
