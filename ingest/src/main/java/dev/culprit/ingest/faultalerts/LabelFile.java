package dev.culprit.ingest.faultalerts;

import dev.culprit.ingest.dataset.CsvReader;
import dev.culprit.ingest.dataset.EventTimes;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.ReadStats;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code label.csv} by header name, in any column order and with any extra columns: {@code
 * fault_id} (else the row number), {@code fault_level}, {@code fault_entity}, {@code fault_type}
 * and a start time, the first present of {@code fault_st_time}, {@code st_time}, {@code
 * start_time}, {@code fault_datetime}, {@code datetime}. Times are epoch seconds or millis or
 * date-time strings, in the label zone when they name none (UTC unless told otherwise).
 *
 * <p>When a row has both an epoch {@code fault_st_time} and a {@code fault_datetime} string, their
 * difference (rounded to 15 minutes) is the offset of the export's local clock, used for the other
 * date-time strings of the export (the raw log lines); otherwise that clock is taken as UTC.
 */
final class LabelFile {
  private static final Logger LOG = LoggerFactory.getLogger(LabelFile.class);
  private static final List<String> START_COLUMNS =
      List.of(
          "fault_st_time",
          "st_time",
          "start_time",
          "fault_start_time",
          "fault_datetime",
          "datetime");
  private static final List<String> DATETIME_COLUMNS = List.of("fault_datetime", "datetime");
  private static final long QUARTER_HOUR = 15 * 60_000L;

  private final Map<String, Integer> columns = new HashMap<>();
  private final String file;
  private final ZoneId zone;

  private LabelFile(List<String> header, String file, ZoneId zone) {
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    this.file = file;
    this.zone = zone;
  }

  /** The faults of a label file and its clock. */
  record Labels(List<FaultLabel> faults, Clock clock) {}

  /**
   * Reads the labels, sorted by time (then file order); start times without a zone are in {@code
   * zone}.
   *
   * @throws IllegalArgumentException naming a required column the header lacks
   */
  static Labels read(Path path, KnowledgeGraph graph, ZoneId zone, ReadStats stats)
      throws IOException {
    try (CsvReader csv = new CsvReader(Files.newBufferedReader(path, StandardCharsets.UTF_8))) {
      List<String> header = csv.next();
      if (header == null) {
        throw new IllegalArgumentException("Invalid label file " + path + ": it is empty");
      }
      return new LabelFile(header, path.toString(), zone).rows(csv, graph, stats);
    }
  }

  private Labels rows(CsvReader csv, KnowledgeGraph graph, ReadStats stats) throws IOException {
    int level = require("fault_level");
    int entity = require("fault_entity");
    int type = require("fault_type");
    int start = first(START_COLUMNS);
    if (start < 0) {
      throw new IllegalArgumentException(
          "Invalid label file " + file + ": missing a start time column, one of " + START_COLUMNS);
    }
    int id = columns.getOrDefault("fault_id", -1);
    int datetime = first(DATETIME_COLUMNS);
    List<FaultLabel> faults = new ArrayList<>();
    Long offset = null;
    int row = 0;
    for (List<String> r = csv.next(); r != null; r = csv.next(), row++) {
      try {
        String faultId = id >= 0 ? field(r, id) : Integer.toString(row);
        long time = EventTimes.millis(field(r, start), zone);
        EntityRef truth = truth(EntityKind.parse(field(r, level)), field(r, entity), graph);
        faults.add(new FaultLabel(faultId, time, truth, serviceOf(truth, graph), field(r, type)));
        if (offset == null
            && datetime >= 0
            && datetime != start
            && EventTimes.isNumber(field(r, start))) {
          offset = offset(time, field(r, datetime));
        }
      } catch (IllegalArgumentException e) {
        stats.skipRow(file, csv.line(), e.getMessage());
      }
    }
    faults.sort(Comparator.comparingLong(FaultLabel::time));
    if (offset != null && offset != 0) {
      LOG.info("Local clock of {} runs {} min ahead of UTC", file, offset / 60_000);
    }
    return new Labels(List.copyOf(faults), new Clock(offset == null ? 0 : offset));
  }

  private static Long offset(long epochMillis, String localDateTime) {
    try {
      long diff = EventTimes.parseUtcMillis(localDateTime) - epochMillis;
      return Math.round((double) diff / QUARTER_HOUR) * QUARTER_HOUR;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static EntityRef truth(EntityKind kind, String name, KnowledgeGraph graph) {
    return new EntityRef(kind, kind == EntityKind.NODE ? graph.node(name) : name);
  }

  /** The service of a root-cause entity; null for a node. */
  static String serviceOf(EntityRef truth, KnowledgeGraph graph) {
    return switch (truth.kind()) {
      case SERVICE, BACKING -> truth.name();
      case INSTANCE -> graph.serviceOfInstance(truth.name());
      case NODE -> null;
    };
  }

  private int require(String column) {
    Integer i = columns.get(column);
    if (i == null) {
      throw new IllegalArgumentException(
          "Invalid label file " + file + ": missing column " + column + " in " + columns.keySet());
    }
    return i;
  }

  private int first(List<String> candidates) {
    return candidates.stream()
        .filter(columns::containsKey)
        .findFirst()
        .map(columns::get)
        .orElse(-1);
  }

  private static String field(List<String> row, int index) {
    if (index >= row.size() || row.get(index).isBlank()) {
      throw new IllegalArgumentException("missing field " + index + " in " + row);
    }
    return row.get(index).trim();
  }
}
