package dev.culprit.ingest.dataset;

import java.util.List;

/** The column names of a CSV file, looked up by name. */
public record CsvHeader(List<String> names) {

  public CsvHeader {
    names = List.copyOf(names);
  }

  /** The index of a column, or -1 when absent. */
  public int index(String name) {
    return names.indexOf(name);
  }

  /** The index of a column that must be present. */
  public int require(String name) {
    int i = index(name);
    if (i < 0) {
      throw new IllegalArgumentException("Missing column " + name + " in header " + names);
    }
    return i;
  }

  public int size() {
    return names.size();
  }
}
