package dev.culprit.ingest.dataset;

import dev.culprit.model.Signal;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the signals of a CSV file in file order. Rows with the wrong number of fields, or that
 * the mapper rejects, are skipped and counted; a file whose header the format rejects yields no
 * signal and all its rows count as skipped.
 */
final class CsvCursor implements SignalCursor {
  private static final Logger LOG = LoggerFactory.getLogger(CsvCursor.class);

  private final String name;
  private final CsvReader reader;
  private final ReadStats stats;
  private final ArrayDeque<Signal> pending = new ArrayDeque<>();
  private RowMapper mapper;
  private int width;

  private CsvCursor(String name, CsvReader reader, ReadStats stats) {
    this.name = name;
    this.reader = reader;
    this.stats = stats;
  }

  static CsvCursor open(Path file, RowFormat format, ReadStats stats) throws IOException {
    var in = new CountingInputStream(Files.newInputStream(file), stats);
    var cursor =
        new CsvCursor(
            file.toString(),
            new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
            stats);
    try {
      cursor.bind(format);
    } catch (IOException | RuntimeException e) {
      cursor.close();
      throw e;
    }
    return cursor;
  }

  private void bind(RowFormat format) throws IOException {
    List<String> names = reader.next();
    if (names == null) {
      return;
    }
    CsvHeader header = new CsvHeader(names);
    try {
      mapper = format.bind(header);
      width = header.size();
    } catch (IllegalArgumentException e) {
      LOG.warn("Skipping every row of {}: {}", name, e.getMessage());
    }
  }

  @Override
  public Signal next() throws IOException {
    while (pending.isEmpty()) {
      List<String> row = reader.next();
      if (row == null) {
        return null;
      }
      accept(row);
    }
    return pending.poll();
  }

  private void accept(List<String> row) {
    if (mapper == null) {
      stats.skipRow(name, reader.line(), "unusable header");
    } else if (row.size() != width) {
      stats.skipRow(name, reader.line(), "expected " + width + " fields, found " + row.size());
    } else {
      try {
        pending.addAll(mapper.map(row));
      } catch (IllegalArgumentException e) {
        stats.skipRow(name, reader.line(), e.toString());
      }
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
