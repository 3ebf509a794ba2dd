package dev.culprit.correlation.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Readable, unique incident ids: {@code scope-20230129T084300Z-7}. */
final class IncidentIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private IncidentIds() {}

  static String of(String scope, long openedAt, long ordinal) {
    return scope + "-" + FORMAT.format(Instant.ofEpochMilli(openedAt)) + "-" + ordinal;
  }
}
