package dev.culprit.correlation.suppress;

import static dev.culprit.correlation.suppress.Fixtures.everythingInOneCluster;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {
  private static final long INTERVAL = ModelSource.CHECK_EVERY_MILLIS;

  /** A clock that moves only when told to. */
  private static final class TestClock extends Clock {
    private long millis = 1_700_000_000_000L;

    void advance(long by) {
      millis += by;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  @TempDir Path dir;
  private Path file;
  private TestClock clock;
  private ModelSource source;

  /** Modification times handed out in order, a minute apart. */
  private long modified = 1_600_000_000_000L;

  @BeforeEach
  void setUp() {
    file = dir.resolve("noise.json");
    clock = new TestClock();
    source = new ModelSource(file, clock);
  }

  private void writeModel(String version) throws IOException {
    everythingInOneCluster(version, 0, 20, 20).write(file);
    touchLater();
  }

  private void touchLater() throws IOException {
    modified += 60_000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
  }

  private String version() {
    NoiseModel m = source.get();
    return m == null ? null : m.version();
  }

  @Test
  void theFirstGetLoadsTheFile() throws IOException {
    writeModel("v1");
    assertThat(version()).isEqualTo("v1");
  }

  @Test
  void aReplacedFileIsPickedUpOnlyAfterTheCheckInterval() throws IOException {
    writeModel("v1");
    assertThat(version()).isEqualTo("v1");
    writeModel("v2");
    assertThat(version()).isEqualTo("v1");
    clock.advance(INTERVAL - 1);
    assertThat(version()).isEqualTo("v1");
    clock.advance(1);
    assertThat(version()).isEqualTo("v2");
  }

  @Test
  void theIntervalRunsFromTheLastCheck() throws IOException {
    writeModel("v1");
    version();
    clock.advance(INTERVAL);
    assertThat(version()).isEqualTo("v1");
    writeModel("v2");
    clock.advance(INTERVAL - 1);
    assertThat(version()).isEqualTo("v1");
    clock.advance(1);
    assertThat(version()).isEqualTo("v2");
  }

  @Test
  void aCorruptReplacementKeepsThePreviousModel() throws IOException {
    writeModel("v1");
    assertThat(version()).isEqualTo("v1");
    Files.writeString(file, "{\"format\": 1, \"version\": \"v2\", \"mean\": [");
    touchLater();
    clock.advance(INTERVAL);
    assertThat(version()).isEqualTo("v1");
    clock.advance(INTERVAL);
    assertThat(version()).isEqualTo("v1");
    writeModel("v3");
    clock.advance(INTERVAL);
    assertThat(version()).isEqualTo("v3");
  }

  @Test
  void aDeletedFileKeepsThePreviousModel() throws IOException {
    writeModel("v1");
    assertThat(version()).isEqualTo("v1");
    Files.delete(file);
    clock.advance(INTERVAL);
    assertThat(version()).isEqualTo("v1");
  }

  @Test
  void withoutAFileThereIsNoModelUntilOneAppears() throws IOException {
    assertThat(source.get()).isNull();
    writeModel("v1");
    assertThat(source.get()).isNull();
    clock.advance(INTERVAL);
    assertThat(version()).isEqualTo("v1");
  }

  @Test
  void aFileIsReadAgainOnlyWhenItsModificationTimeChanges() throws IOException {
    writeModel("v1");
    assertThat(version()).isEqualTo("v1");
    everythingInOneCluster("v2", 0, 20, 20).write(file);
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
    clock.advance(INTERVAL);
    assertThat(version()).isEqualTo("v1");
    touchLater();
    clock.advance(INTERVAL);
    assertThat(version()).isEqualTo("v2");
  }

  @Test
  void noneNeverHasAModel() {
    assertThat(ModelSource.none().get()).isNull();
  }
}
