package dev.culprit.cli;

import dev.culprit.model.Evidence;
import dev.culprit.model.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Writes evidence records as JSON lines, or does nothing when no file is given. */
final class EvidenceLog implements AutoCloseable {
  private final BufferedWriter out;

  private EvidenceLog(BufferedWriter out) {
    this.out = out;
  }

  static EvidenceLog open(Path file) throws IOException {
    return new EvidenceLog(file == null ? null : Files.newBufferedWriter(file));
  }

  /** The sink, or null when there is no file. */
  Consumer<Evidence> sink() {
    if (out == null) {
      return null;
    }
    return e -> {
      try {
        out.write(Json.mapper().writeValueAsString(e));
        out.newLine();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    };
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
