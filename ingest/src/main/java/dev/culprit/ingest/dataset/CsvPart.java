package dev.culprit.ingest.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A CSV file of a dataset.
 *
 * @param file the file, with a header row
 * @param notBefore the earliest event time (epoch millis) its rows may have
 * @param timeOrdered whether its rows are in non-decreasing time, so it can be streamed; if not, it
 *     is read whole and sorted in memory when opened
 * @param format how its rows become signals
 */
public record CsvPart(Path file, long notBefore, boolean timeOrdered, RowFormat format)
    implements SourcePart {

  public CsvPart {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public long bytes() throws IOException {
    return Files.size(file);
  }

  @Override
  public SignalCursor open(ReadStats stats) throws IOException {
    SignalCursor rows = CsvCursor.open(file, format, stats);
    return timeOrdered ? rows : SortedCursor.drain(rows);
  }
}
