package dev.culprit.correlation.suppress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current noise model, read from a file and read again when the file changes, so a running
 * pipeline picks up a newly trained model without a restart. A file that cannot be read keeps the
 * model in use (and says so); the pipeline never stops over it.
 */
public final class ModelSource implements Supplier<NoiseModel> {
  private static final Logger log = LoggerFactory.getLogger(ModelSource.class);

  /** The file is looked at no more often than this (wall clock). */
  static final long CHECK_EVERY_MILLIS = 2_000;

  private final Path file;
  private final Clock clock;
  private NoiseModel current;
  private FileTime loaded;
  private long checked = Long.MIN_VALUE;
  private String lastError;

  public ModelSource(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** A source with no file: never a model. */
  public static Supplier<NoiseModel> none() {
    return () -> null;
  }

  /** The model in use, after reloading it if the file changed since it was last looked at. */
  @Override
  public synchronized NoiseModel get() {
    long now = clock.millis();
    if (checked != Long.MIN_VALUE && now - checked < CHECK_EVERY_MILLIS) {
      return current;
    }
    checked = now;
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(loaded)) {
        NoiseModel next = NoiseModel.read(file);
        if (current != null) {
          log.info(
              "noise model reloaded from {}: version {} replaces {}",
              file,
              next.version(),
              current.version());
        }
        current = next;
        loaded = modified;
        lastError = null;
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).equals(lastError)) {
        log.warn(
            "noise model {} could not be read; {}: {}",
            file,
            current == null ? "suppressing by rules only" : "keeping version " + current.version(),
            e.getMessage());
        lastError = String.valueOf(e.getMessage());
      }
    }
    return current;
  }
}
