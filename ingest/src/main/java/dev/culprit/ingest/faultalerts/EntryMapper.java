package dev.culprit.ingest.faultalerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Alert;

/** Turns one entry of an alert file into an alert. */
@FunctionalInterface
interface EntryMapper {

  /**
   * The alert of one entry of the fault {@code faultId} (null when the file is not grouped).
   *
   * @throws IllegalArgumentException when the entry is malformed; it is then skipped and counted
   */
  Alert map(JsonNode entry, String faultId);
}
