package dev.culprit.ingest.dataset;

/** How the rows of one kind of CSV file become signals, by column name. */
@FunctionalInterface
public interface RowFormat {

  /**
   * Binds the format to a file's header.
   *
   * @throws IllegalArgumentException naming a required column the header lacks
   */
  RowMapper bind(CsvHeader header);
}
