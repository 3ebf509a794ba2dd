package dev.culprit.ingest.nezha;

import static dev.culprit.ingest.nezha.NezhaLayout.CONSTRUCT;
import static dev.culprit.ingest.nezha.NezhaLayout.RCA;

import dev.culprit.ingest.dataset.CsvPart;
import dev.culprit.ingest.dataset.RowFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a Nezha dataset as merge parts. Metric files are streamed; {@code rca_data}'s are
 * read and {@code construct_data}'s only for pods {@code rca_data} lacks (they are copies). Trace
 * and log files cover about the minute before their {@code HH_MM} name but some reach further back,
 * so each opens {@link #MINUTE_FILE_LEAD} before its name and is sorted in memory.
 */
final class NezhaParts {
  /** How long before its {@code HH_MM} name a per-minute file may start (2 min seen). */
  static final Duration MINUTE_FILE_LEAD = Duration.ofMinutes(5);

  private static final Pattern MINUTE_FILE = Pattern.compile("(\\d{2})_(\\d{2})_[a-z]+\\.csv");
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final RowFormat METRICS = new MetricFormat();
  private static final RowFormat TRACES = new TraceFormat();
  private static final RowFormat LOGS = new LogFormat();

  private NezhaParts() {}

  static List<CsvPart> of(Path root, List<String> days) throws IOException {
    List<CsvPart> parts = new ArrayList<>();
    for (String day : days) {
      parts.addAll(metrics(root, day));
      parts.addAll(perMinute(root, day, "trace", TRACES));
      parts.addAll(perMinute(root, day, "log", LOGS));
    }
    return parts;
  }

  /**
   * Only {@code construct_data}: the reference files (a fault-free minute of traces and logs, and
   * the metric files), for learning what normal looks like.
   */
  static List<CsvPart> reference(Path root, List<String> days) throws IOException {
    List<CsvPart> parts = new ArrayList<>();
    for (String day : days) {
      long notBefore = NezhaLayout.dayStart(day) - DAY;
      for (Path file : NezhaLayout.files(root, CONSTRUCT, day, "metric")) {
        parts.add(new CsvPart(file, notBefore, true, METRICS));
      }
      for (Path file : NezhaLayout.files(root, CONSTRUCT, day, "trace")) {
        parts.add(new CsvPart(file, notBefore(day, file), false, TRACES));
      }
      for (Path file : NezhaLayout.files(root, CONSTRUCT, day, "log")) {
        parts.add(new CsvPart(file, notBefore(day, file), false, LOGS));
      }
    }
    return parts;
  }

  private static List<CsvPart> metrics(Path root, String day) throws IOException {
    long notBefore = NezhaLayout.dayStart(day) - DAY;
    List<CsvPart> parts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Path file : NezhaLayout.files(root, RCA, day, "metric")) {
      seen.add(file.getFileName().toString());
      parts.add(new CsvPart(file, notBefore, true, METRICS));
    }
    for (Path file : NezhaLayout.files(root, CONSTRUCT, day, "metric")) {
      if (!seen.contains(file.getFileName().toString())) {
        parts.add(new CsvPart(file, notBefore, true, METRICS));
      }
    }
    return parts;
  }

  private static List<CsvPart> perMinute(Path root, String day, String kind, RowFormat format)
      throws IOException {
    List<CsvPart> parts = new ArrayList<>();
    for (String part : List.of(CONSTRUCT, RCA)) {
      for (Path file : NezhaLayout.files(root, part, day, kind)) {
        parts.add(new CsvPart(file, notBefore(day, file), false, format));
      }
    }
    return parts;
  }

  /** {@code HH_MM} of the day less the lead; a day early for files not named so. */
  static long notBefore(String day, Path file) {
    long start = NezhaLayout.dayStart(day);
    Matcher m = MINUTE_FILE.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return start - DAY;
    }
    long minutes = Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2));
    return start + Duration.ofMinutes(minutes).minus(MINUTE_FILE_LEAD).toMillis();
  }
}
