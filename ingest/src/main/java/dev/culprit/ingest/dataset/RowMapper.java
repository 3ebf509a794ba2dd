package dev.culprit.ingest.dataset;

import dev.culprit.model.Signal;
import java.util.List;

/** Turns one CSV row, bound to its file's header, into signals. */
@FunctionalInterface
public interface RowMapper {

  /**
   * The signals of one row, which has exactly as many fields as the header.
   *
   * @throws IllegalArgumentException (such as {@link NumberFormatException}) when the row is
   *     malformed; the row is then skipped and counted
   */
  List<Signal> map(List<String> row);
}
