package dev.culprit.ingest.faultalerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.ingest.dataset.ReadStats;
import dev.culprit.model.Alert;
import dev.culprit.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one alert file, {@code {fault_id: [entry, ...], ...}} (a bare {@code [entry, ...]} is
 * accepted too). A missing, empty or unparsable file yields no alert and a warning; malformed
 * entries, and groups that are not arrays, are skipped and counted.
 */
final class AlertFile {
  private static final Logger LOG = LoggerFactory.getLogger(AlertFile.class);

  private AlertFile() {}

  /** The alerts of {@code file} in file order. */
  static List<Alert> read(Path file, EntryMapper mapper, ReadStats stats) throws IOException {
    JsonNode tree = tree(file, stats);
    List<Alert> alerts = new ArrayList<>();
    if (tree.isArray()) {
      addAll(file, tree, null, mapper, stats, alerts);
    } else if (tree.isObject()) {
      for (Map.Entry<String, JsonNode> group : tree.properties()) {
        addAll(file, group.getValue(), group.getKey(), mapper, stats, alerts);
      }
    }
    if (alerts.isEmpty()) {
      LOG.warn("No alerts in {}", file);
    }
    return alerts;
  }

  private static JsonNode tree(Path file, ReadStats stats) throws IOException {
    if (!Files.isRegularFile(file)) {
      LOG.warn("No alert file {}", file);
      return Json.mapper().missingNode();
    }
    try {
      JsonNode tree = Json.mapper().readTree(file.toFile());
      return tree == null ? Json.mapper().missingNode() : tree;
    } catch (JsonProcessingException e) {
      LOG.warn("Unreadable alert file {}: {}", file, e.getOriginalMessage());
      stats.skipRow(file.toString(), 0, "invalid JSON");
      return Json.mapper().missingNode();
    }
  }

  private static void addAll(
      Path file,
      JsonNode entries,
      String faultId,
      EntryMapper mapper,
      ReadStats stats,
      List<Alert> alerts) {
    if (!entries.isArray()) {
      stats.skipRow(file.toString(), 0, "fault " + faultId + " holds no array");
      return;
    }
    int index = 0;
    for (JsonNode entry : entries) {
      try {
        alerts.add(mapper.map(entry, faultId));
      } catch (IllegalArgumentException e) {
        stats.skipRow(file.toString(), index, "fault " + faultId + " entry " + index + ": " + e);
      }
      index++;
    }
  }
}
