package dev.culprit.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary directories: creation and best-effort recursive deletion. */
public final class Directories {
  private static final Logger LOG = LoggerFactory.getLogger(Directories.class);

  private Directories() {}

  /** Creates a new temporary directory whose name starts with {@code prefix}. */
  public static Path createTemp(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory " + prefix + "*", e);
    }
  }

  /**
   * Deletes {@code dir} and everything under it; a missing directory is fine. Failures are logged,
   * not thrown, so that cleanup never hides the error that caused it.
   *
   * @return whether the directory is gone
   */
  public static boolean deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Cannot delete {}", dir, e);
    }
    return !Files.exists(dir);
  }
}
