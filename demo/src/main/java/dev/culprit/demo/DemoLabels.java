package dev.culprit.demo;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.labels.LabelsWriter;
import dev.culprit.sim.InjectedFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes the faults a demo injects to a labels file as they start (one flushed row each), for
 * scoring a replay of the demo's recording with {@code replay --labels}.
 */
public final class DemoLabels implements Consumer<DemoEvent>, AutoCloseable {
  private final Path file;
  private final LabelsWriter writer;

  private DemoLabels(Path file, LabelsWriter writer) {
    this.file = file;
    this.writer = writer;
  }

  /** Creates (or truncates) {@code file} and writes its header. */
  public static DemoLabels create(Path file) throws IOException {
    return new DemoLabels(
        file, new LabelsWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)));
  }

  /** The label of an injected fault: its entity at its level, its service, kind, start and end. */
  public static FaultLabel label(InjectedFault f) {
    return new FaultLabel(f.id(), f.at(), f.entity(), f.service(), f.kind(), f.until());
  }

  @Override
  public void accept(DemoEvent event) {
    if (event instanceof DemoEvent.FaultEvent f) {
      try {
        writer.write(label(f.fault()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + file, e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
