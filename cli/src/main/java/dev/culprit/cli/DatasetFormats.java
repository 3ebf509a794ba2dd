package dev.culprit.cli;

import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.faultalerts.FaultAlertsDataset;
import dev.culprit.ingest.nezha.NezhaDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The dataset formats the CLI reads, by name. */
final class DatasetFormats {
  private DatasetFormats() {}

  static Dataset open(CommandLine cli, String format, Path path) {
    return open(cli, format, path, ZoneOffset.UTC);
  }

  /**
   * Opens a dataset whose label times that name no zone are in {@code labelZone}. A dataset that
   * cannot be read (wrong layout, a corrupt or truncated archive) is a usage error whose message
   * names the file and the reason.
   */
  static Dataset open(CommandLine cli, String format, Path path, ZoneId labelZone) {
    try {
      return switch (format) {
        case "nezha" -> NezhaDataset.open(path, labelZone);
        case "fault-alerts" -> FaultAlertsDataset.open(path, labelZone);
        default ->
            throw new ParameterException(
                cli, "--dataset must be nezha or fault-alerts, not " + format);
      };
    } catch (IOException | IllegalArgumentException e) {
      throw new ParameterException(cli, e.getMessage(), e);
    }
  }
}
