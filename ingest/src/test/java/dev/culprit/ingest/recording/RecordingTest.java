package dev.culprit.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {
  private static final Set<String> RAW = Set.of("otlp_spans", "alertmanager.raw");

  @TempDir Path dir;

  private static RawRecord record(String topic, int partition, long offset, long timestamp) {
    return new RawRecord(
        topic,
        partition,
        offset,
        timestamp,
        offset % 2 == 0 ? null : ("k" + offset).getBytes(StandardCharsets.UTF_8),
        (topic + "@" + offset).getBytes(StandardCharsets.UTF_8),
        List.of(
            new RawRecord.Header("content-type", "application/json".getBytes()),
            new RawRecord.Header("empty", null)));
  }

  private static List<RawRecord> readAll(RawSource source) {
    List<RawRecord> out = new ArrayList<>();
    try (source) {
      source.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void recordsReadBackMergedByTimestampWithEachPartitionInOffsetOrder() throws IOException {
    List<RawRecord> spans0 =
        List.of(record("otlp_spans", 0, 5, 100), record("otlp_spans", 0, 6, 300));
    List<RawRecord> spans1 =
        List.of(record("otlp_spans", 1, 0, 200), record("otlp_spans", 1, 1, 150));
    List<RawRecord> alerts =
        List.of(record("alertmanager.raw", 0, 0, 100), record("alertmanager.raw", 0, 1, 400));
    try (RecordingWriter w = RecordingWriter.open(dir, RecordingWriter.Options.defaults())) {
      for (List<RawRecord> l : List.of(spans0, spans1, alerts)) {
        for (RawRecord r : l) {
          assertThat(w.write(r)).isTrue();
        }
      }
      assertThat(w.records()).isEqualTo(6);
    }

    RecordedDataset recorded = RecordedDataset.open(dir, RAW);

    assertThat(recorded.name()).isEqualTo("recorded/" + dir.getFileName());
    assertThat(recorded.faults()).isEmpty();
    assertThat(readAll(recorded.openRaw()))
        .containsExactly(
            alerts.get(0),
            spans0.get(0),
            spans1.get(0),
            spans1.get(1),
            spans0.get(1),
            alerts.get(1));
    assertThatThrownBy(recorded::open).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void segmentsRotateBySizeAndByAgeAndAllReadBack() throws IOException {
    AtomicLong clock = new AtomicLong(0);
    List<RawRecord> written = new ArrayList<>();
    try (RecordingWriter w =
        RecordingWriter.open(
            dir, new RecordingWriter.Options(200, Duration.ofMinutes(1)), clock::get)) {
      for (int i = 0; i < 10; i++) {
        RawRecord r = record("otlp_spans", 0, i, 1000 + i);
        w.write(r);
        written.add(r);
      }
      RawRecord r = record("alertmanager.raw", 0, 0, 5000);
      w.write(r);
      written.add(r);
      clock.set(60_000);
      w.rotate();
      assertThat(segments()).noneMatch(p -> p.toString().endsWith(".partial"));
    }

    assertThat(segments().size()).isGreaterThan(3);
    assertThat(segments())
        .contains(
            dir.resolve("alertmanager.raw/0/" + "0".repeat(20) + "-" + "0".repeat(20) + ".raw.gz"));
    assertThat(readAll(RecordedDataset.open(dir, RAW).openRaw()))
        .containsExactlyInAnyOrderElementsOf(written);
  }

  @Test
  void aKilledRecorderResumesAfterItsLastClosedSegmentWithoutDuplicates() throws IOException {
    RecordingWriter first =
        RecordingWriter.open(dir, new RecordingWriter.Options(1, Duration.ofMinutes(1)));
    first.write(record("otlp_spans", 0, 0, 10));
    first.write(record("otlp_spans", 0, 1, 11));
    RecordingWriter killed =
        RecordingWriter.open(dir, new RecordingWriter.Options(1 << 20, Duration.ofMinutes(1)));
    killed.write(record("otlp_spans", 0, 2, 12));
    assertThat(segments()).anyMatch(p -> p.toString().endsWith(".partial"));

    try (RecordingWriter resumed = RecordingWriter.open(dir, RecordingWriter.Options.defaults())) {
      assertThat(resumed.discarded()).hasSize(1);
      assertThat(resumed.resumeOffsets()).isEqualTo(Map.of(new RawPartition("otlp_spans", 0), 2L));
      assertThat(resumed.write(record("otlp_spans", 0, 1, 11))).isFalse();
      assertThat(resumed.write(record("otlp_spans", 0, 2, 12))).isTrue();
    }

    assertThat(readAll(RecordedDataset.open(dir, RAW).openRaw()))
        .extracting(RawRecord::offset)
        .containsExactly(0L, 1L, 2L);
  }

  @Test
  void aTruncatedSegmentIsReadUpToWhereItBreaks() throws IOException {
    try (RecordingWriter w =
        RecordingWriter.open(dir, new RecordingWriter.Options(1 << 20, Duration.ofMinutes(1)))) {
      for (int i = 0; i < 200; i++) {
        w.write(record("otlp_spans", 0, i, i));
      }
    }
    try (RecordingWriter w = RecordingWriter.open(dir, RecordingWriter.Options.defaults())) {
      w.write(record("otlp_spans", 0, 200, 200));
    }
    Path first = segments().getFirst();
    byte[] bytes = Files.readAllBytes(first);
    Files.write(first, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    List<RawRecord> read = readAll(RecordedDataset.open(dir, RAW).openRaw());

    assertThat(read.size()).isBetween(2, 200);
    assertThat(read.getLast().offset()).isEqualTo(200);
    assertThat(read.subList(0, read.size() - 1))
        .extracting(RawRecord::offset)
        .isEqualTo(java.util.stream.LongStream.range(0, read.size() - 1).boxed().toList());
  }

  @Test
  void aTimeRangeKeepsOnlyRecordsInItAndOtherTopicsAreLeftOut() throws IOException {
    try (RecordingWriter w = RecordingWriter.open(dir, RecordingWriter.Options.defaults())) {
      for (int i = 0; i < 10; i++) {
        w.write(record("otlp_spans", 0, i, i * 1000L));
        w.write(record("something.else", 0, i, i * 1000L));
      }
    }

    RecordedDataset recorded = RecordedDataset.open(dir, RAW).between(3000, 6000);

    assertThat(recorded.partitions()).containsExactly(new RawPartition("otlp_spans", 0));
    assertThat(readAll(recorded.openRaw()))
        .extracting(RawRecord::timestamp)
        .containsExactly(3000L, 4000L, 5000L);
  }

  @Test
  void aDirectoryWithoutSegmentsOfTheTopicsIsRefused() throws IOException {
    assertThatThrownBy(() -> RecordedDataset.open(dir.resolve("none"), RAW))
        .hasMessageContaining("no such directory");
    try (RecordingWriter w = RecordingWriter.open(dir, RecordingWriter.Options.defaults())) {
      w.write(record("something.else", 0, 0, 0));
    }
    assertThatThrownBy(() -> RecordedDataset.open(dir, RAW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no closed segment of [alertmanager.raw, otlp_spans]");
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
