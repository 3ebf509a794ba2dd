package dev.culprit.ingest.labels;

import dev.culprit.ingest.dataset.FaultLabel;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes labelled faults as a labels file that {@link LabelsFile} reads: the header {@code
 * id,start,end,entity,level,service,kind}, then one row per fault with ISO-8601 UTC times. Each row
 * is flushed as it is written, so a file whose writer is interrupted still holds every fault
 * written before.
 */
public final class LabelsWriter implements Closeable {
  static final List<String> HEADER =
      List.of("id", "start", "end", "entity", "level", "service", "kind");

  private final Writer out;

  /** A writer that writes the header to {@code out} at once. */
  public LabelsWriter(Writer out) throws IOException {
    this.out = out;
    line(HEADER);
  }

  /** Writes one fault. */
  public void write(FaultLabel f) throws IOException {
    line(
        List.of(
            f.id(),
            Instant.ofEpochMilli(f.time()).toString(),
            f.end() == null ? "" : Instant.ofEpochMilli(f.end()).toString(),
            f.truth().name(),
            f.truth().kind().label(),
            f.truthService() == null ? "" : f.truthService(),
            f.kind()));
  }

  private void line(List<String> fields) throws IOException {
    out.write(fields.stream().map(LabelsWriter::quote).collect(Collectors.joining(",")));
    out.write('\n');
    out.flush();
  }

  static String quote(String field) {
    boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
