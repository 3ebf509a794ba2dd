package dev.culprit.ingest.nezha;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the files of a Nezha dataset are: {@code rca_data/<day>/<day>-fault_list.json}, {@code
 * rca_data/<day>/{metric,trace,log}/} and, optionally, {@code construct_data/<day>/...}.
 */
final class NezhaLayout {
  static final String RCA = "rca_data";
  static final String CONSTRUCT = "construct_data";

  private NezhaLayout() {}

  /** {@code dir} itself, or its single subdirectory, whichever holds {@code rca_data/}. */
  static Path findRoot(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("No Nezha dataset at " + dir + ": not a directory");
    }
    if (Files.isDirectory(dir.resolve(RCA))) {
      return dir;
    }
    List<Path> roots =
        subdirectories(dir).stream().filter(d -> Files.isDirectory(d.resolve(RCA))).toList();
    if (roots.size() != 1) {
      throw new IllegalArgumentException(
          "No Nezha dataset at "
              + dir
              + ": missing "
              + RCA
              + "/ (in it or in a single top directory)");
    }
    return roots.getFirst();
  }

  /** The days under {@code rca_data/}, in order. */
  static List<String> days(Path root) throws IOException {
    List<String> days =
        subdirectories(root.resolve(RCA)).stream()
            .map(p -> p.getFileName().toString())
            .filter(NezhaLayout::isDay)
            .sorted()
            .toList();
    if (days.isEmpty()) {
      throw new IllegalArgumentException(
          "No Nezha dataset at " + root + ": missing day directories (yyyy-MM-dd) in " + RCA + "/");
    }
    for (String day : days) {
      Path faults = faultList(root, day);
      if (!Files.isRegularFile(faults)) {
        throw new IllegalArgumentException("Invalid Nezha dataset: missing " + faults);
      }
    }
    return days;
  }

  static Path faultList(Path root, String day) {
    return root.resolve(RCA).resolve(day).resolve(day + "-fault_list.json");
  }

  /** The files of {@code <part>/<day>/<kind>/}, by name; none if the directory is absent. */
  static List<Path> files(Path root, String part, String day, String kind) throws IOException {
    Path dir = root.resolve(part).resolve(day).resolve(kind);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".csv"))
          .sorted()
          .toList();
    }
  }

  /** Epoch millis of the start of a day, UTC. */
  static long dayStart(String day) {
    return LocalDate.parse(day).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static boolean isDay(String name) {
    try {
      LocalDate.parse(name);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static List<Path> subdirectories(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
