package dev.culprit.app;

import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.faultalerts.FaultAlertsDataset;
import dev.culprit.ingest.nezha.NezhaDataset;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The dataset formats the CLI reads, by name. */
final class DatasetFormats {
  private DatasetFormats() {}

  static Dataset open(CommandLine cli, String format, Path path) throws IOException {
    return switch (format) {
      case "nezha" -> NezhaDataset.open(path);
      case "fault-alerts" -> FaultAlertsDataset.open(path);
      default ->
          throw new ParameterException(
              cli, "--dataset must be nezha or fault-alerts, not " + format);
    };
  }
}
