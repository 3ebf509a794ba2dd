package dev.culprit.ingest.nezha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.dataset.Archives;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.MergedSignalSource;
import dev.culprit.model.EntityRef;
import dev.culprit.model.LogEvent;
import dev.culprit.model.Signal;
import dev.culprit.model.SignalType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the real Nezha TrainTicket day found via {@code -Dculprit.datasets} (else {@code
 * ../shared/datasets} next to the repository); skipped when the archive is absent. The archive is
 * extracted once under {@code target/datasets/}.
 */
class NezhaDatasetIT {
  private static final String ARCHIVE = "nezha-trainticket-2023-01-29.tar.gz";
  private static final Path EXTRACTED = Path.of("target", "datasets");

  private static NezhaDataset dataset;

  @BeforeAll
  static void openDataset() throws IOException {
    Path archive = datasetsDir().resolve(ARCHIVE);
    Assumptions.assumeTrue(
        Files.isRegularFile(archive), "dataset not found at " + archive + ": skipping");
    Path done = EXTRACTED.resolve(ARCHIVE + ".extracted");
    if (!Files.exists(done)) {
      Archives.extractTarGz(archive, EXTRACTED);
      Files.writeString(done, archive.toString());
    }
    dataset = NezhaDataset.open(EXTRACTED.resolve("nezha-trainticket-2023-01-29"));
  }

  @Test
  void labelsTheDaysFaults() {
    assertThat(dataset.days()).containsExactly("2023-01-29");
    assertThat(dataset.faults()).hasSize(28);
    assertThat(dataset.faults().getFirst())
        .isEqualTo(
            new FaultLabel(
                "2023-01-29T08:43:04-ts-contacts-service",
                Instant.parse("2023-01-29T08:43:04Z").toEpochMilli(),
                EntityRef.service("ts-contacts-service"),
                "ts-contacts-service",
                "return"));
    assertThat(dataset.faults().getLast().id())
        .isEqualTo("2023-01-29T15:42:00-ts-preserve-service");
    assertThat(dataset.faults().stream().map(FaultLabel::id).distinct()).hasSize(28);
    Map<String, Long> kinds =
        dataset.faults().stream()
            .collect(Collectors.groupingBy(FaultLabel::kind, TreeMap::new, Collectors.counting()));
    assertThat(kinds)
        .containsExactly(
            Map.entry("cpu_contention", 4L), Map.entry("exception", 13L), Map.entry("return", 11L));
  }

  @Test
  void replaysEverySignalInNonDecreasingTime() throws IOException {
    Map<SignalType, Long> counts = new EnumMap<>(SignalType.class);
    Map<String, Long> severities = new TreeMap<>();
    long first = Long.MAX_VALUE;
    long previous = Long.MIN_VALUE;
    long decreases = 0;
    try (MergedSignalSource source = dataset.open()) {
      while (source.hasNext()) {
        Signal s = source.next();
        decreases += s.time() < previous ? 1 : 0;
        previous = s.time();
        first = Math.min(first, s.time());
        counts.merge(s.type(), 1L, Long::sum);
        if (s instanceof LogEvent log) {
          severities.merge(String.valueOf(log.severity()), 1L, Long::sum);
        }
      }
      assertThat(source.skippedRows()).isEqualTo(1);
      assertThat(source.duplicateSignals()).isEqualTo(11_995);
      assertThat(source.lateSignals()).isZero();
      assertThat(source.bytesRead()).isEqualTo(source.totalBytes()).isEqualTo(212_197_799L);
    }
    assertThat(decreases).isZero();
    assertThat(Instant.ofEpochMilli(first)).isEqualTo(Instant.parse("2023-01-29T08:41:09Z"));
    assertThat(Instant.ofEpochMilli(previous)).isEqualTo(Instant.parse("2023-01-29T23:59:11Z"));
    assertThat(counts)
        .containsExactly(
            Map.entry(SignalType.METRIC, 767_559L),
            Map.entry(SignalType.LOG, 171_094L),
            Map.entry(SignalType.TRACE, 325_859L));
    assertThat(severities)
        .containsExactly(
            Map.entry("ERROR", 1_331L), Map.entry("INFO", 163_324L), Map.entry("WARN", 6_439L));
  }

  private static Path datasetsDir() {
    String configured = System.getProperty("culprit.datasets");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir.getParent() != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir.resolve("../shared/datasets").normalize();
  }
}
