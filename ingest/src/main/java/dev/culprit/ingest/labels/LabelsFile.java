package dev.culprit.ingest.labels;

import dev.culprit.ingest.dataset.CsvReader;
import dev.culprit.ingest.dataset.EventTimes;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.ReadStats;
import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import java.io.IOException;
import java.io.Reader;
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

/**
 * A labels file for any replay: a CSV file with a header row, one labelled fault (an incident of
 * the past, or an injected fault) per row, read by column name in any order, extra columns ignored.
 * Header names are compared case-insensitively, with spaces and dashes read as underscores; the
 * first present of each list is used:
 *
 * <ul>
 *   <li>start (required): {@code start}, {@code start_time}, {@code started_at}, {@code starts_at},
 *       {@code time}, {@code timestamp}, {@code fault_st_time}, {@code inject_time};
 *   <li>root-cause entity (required): {@code entity}, {@code root_cause}, {@code
 *       root_cause_entity}, {@code culprit}, {@code fault_entity};
 *   <li>end: {@code end}, {@code end_time}, {@code ended_at}, {@code ends_at}, {@code resolved_at},
 *       {@code fault_ed_time};
 *   <li>level of the entity: {@code level}, {@code entity_level}, {@code entity_kind}, {@code
 *       fault_level}: service (the default when absent or blank), instance (or pod, container),
 *       node (or host, vm), backing (or database, cache, queue);
 *   <li>service of an instance: {@code service};
 *   <li>kind of fault: {@code kind}, {@code fault_kind}, {@code type}, {@code fault_type} ({@code
 *       unspecified} when absent);
 *   <li>id: {@code id}, {@code fault_id}, {@code incident_id} (else the row's line number).
 * </ul>
 *
 * <p>Times are epoch seconds or millis (told apart by magnitude) or ISO-8601 date-times, with a
 * {@code T} or a space; a date-time naming no zone or offset is read in the given zone. A row that
 * cannot be read (a blank start or entity, a bad time or level, an end before its start) is skipped
 * and counted, with a warning naming its line.
 */
public final class LabelsFile {
  static final String UNSPECIFIED_KIND = "unspecified";

  private static final List<String> START =
      List.of(
          "start",
          "start_time",
          "started_at",
          "starts_at",
          "time",
          "timestamp",
          "fault_st_time",
          "inject_time");
  private static final List<String> ENTITY =
      List.of("entity", "root_cause", "root_cause_entity", "culprit", "fault_entity");
  private static final List<String> END =
      List.of("end", "end_time", "ended_at", "ends_at", "resolved_at", "fault_ed_time");
  private static final List<String> LEVEL =
      List.of("level", "entity_level", "entity_kind", "fault_level");
  private static final List<String> SERVICE = List.of("service");
  private static final List<String> KIND = List.of("kind", "fault_kind", "type", "fault_type");
  private static final List<String> ID = List.of("id", "fault_id", "incident_id");

  /**
   * What a labels file held.
   *
   * @param faults the readable rows, sorted by start time (then file order)
   * @param zoneless how many times named no zone and were read in the given zone
   * @param skipped rows that could not be read
   */
  public record Labels(List<FaultLabel> faults, long zoneless, long skipped) {
    public Labels {
      faults = List.copyOf(faults);
    }
  }

  private final Map<String, Integer> columns = new HashMap<>();
  private final String file;
  private final ZoneId zone;
  private long zoneless;

  private LabelsFile(List<String> header, String file, ZoneId zone) {
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(normalise(header.get(i)), i);
    }
    this.file = file;
    this.zone = zone;
  }

  /**
   * Reads the labels in {@code path}, taking times that name no zone as times in {@code zone}.
   *
   * @throws IllegalArgumentException for an empty file or a header without a start or entity column
   */
  public static Labels read(Path path, ZoneId zone) throws IOException {
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(in, path.toString(), zone);
    }
  }

  /** Reads labels from {@code in}; {@code name} names the source in messages. */
  public static Labels read(Reader in, String name, ZoneId zone) throws IOException {
    try (CsvReader csv = new CsvReader(in)) {
      List<String> header = csv.next();
      if (header == null) {
        throw new IllegalArgumentException("Invalid labels file " + name + ": it is empty");
      }
      return new LabelsFile(header, name, zone).rows(csv);
    }
  }

  private Labels rows(CsvReader csv) throws IOException {
    Columns c =
        new Columns(
            require(START, "start"),
            require(ENTITY, "root-cause entity"),
            first(END),
            first(LEVEL),
            first(SERVICE),
            first(KIND),
            first(ID));
    ReadStats stats = new ReadStats();
    List<FaultLabel> faults = new ArrayList<>();
    for (List<String> r = csv.next(); r != null; r = csv.next()) {
      try {
        faults.add(label(r, c, csv.line()));
      } catch (IllegalArgumentException e) {
        stats.skipRow(file, csv.line(), e.getMessage());
      }
    }
    faults.sort(Comparator.comparingLong(FaultLabel::time));
    return new Labels(faults, zoneless, stats.skippedRows());
  }

  private FaultLabel label(List<String> row, Columns c, long line) {
    long start = time(required(row, c.start(), "start"));
    String endText = optional(row, c.end());
    Long end = endText == null ? null : time(endText);
    String levelText = optional(row, c.level());
    EntityKind level = levelText == null ? EntityKind.SERVICE : EntityKind.parse(levelText);
    EntityRef truth = new EntityRef(level, required(row, c.entity(), "entity"));
    String id = optional(row, c.id());
    String kind = optional(row, c.kind());
    return new FaultLabel(
        id == null ? Long.toString(line) : id,
        start,
        truth,
        service(truth, optional(row, c.service())),
        kind == null ? UNSPECIFIED_KIND : kind,
        end);
  }

  /** The truth's service: itself for a service or backing entity, else the service column. */
  private static String service(EntityRef truth, String column) {
    return switch (truth.kind()) {
      case SERVICE, BACKING -> truth.name();
      case INSTANCE, NODE -> column;
    };
  }

  private long time(String text) {
    if (!EventTimes.isNumber(text) && !EventTimes.hasZone(text)) {
      zoneless++;
    }
    return EventTimes.millis(text, zone);
  }

  private int require(List<String> names, String what) {
    int i = first(names);
    if (i < 0) {
      throw new IllegalArgumentException(
          "Invalid labels file "
              + file
              + ": no "
              + what
              + " column (one of "
              + String.join(", ", names)
              + ") in "
              + columns.keySet());
    }
    return i;
  }

  private int first(List<String> names) {
    for (String n : names) {
      Integer i = columns.get(n);
      if (i != null) {
        return i;
      }
    }
    return -1;
  }

  private static String required(List<String> row, int index, String what) {
    String v = optional(row, index);
    if (v == null) {
      throw new IllegalArgumentException("no " + what);
    }
    return v;
  }

  private static String optional(List<String> row, int index) {
    if (index < 0 || index >= row.size() || row.get(index).isBlank()) {
      return null;
    }
    return row.get(index).trim();
  }

  private static String normalise(String header) {
    return header.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
  }

  private record Columns(
      int start, int entity, int end, int level, int service, int kind, int id) {}
}
