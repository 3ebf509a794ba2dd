package dev.culprit.cli;

import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.labels.LabelsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** The label options of {@code replay}: a labels file, and the zone of label times. */
final class LabelOptions {
  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "Score against the faults of this labels file (CSV by header names: start, entity and"
              + " optionally end, level, service, kind, id) instead of the dataset's own labels.")
  Path labels;

  @Option(
      names = "--label-zone",
      paramLabel = "ZONE",
      converter = ZoneConverter.class,
      description =
          "Zone of label times that name none, such as Asia/Shanghai or UTC+8 (default: UTC)."
              + " Applies to the dataset's own labels and to --labels.")
  ZoneId labelZone;

  /** The zone label times without one are read in. */
  ZoneId zone() {
    return labelZone == null ? ZoneOffset.UTC : labelZone;
  }

  /**
   * The faults of {@code --labels}, or null when it is not given; says on {@code err} how many were
   * read, skipped, and read as UTC for want of a zone.
   */
  List<FaultLabel> read(CommandLine cli, PrintWriter err) throws IOException {
    if (labels == null) {
      return null;
    }
    if (!Files.isRegularFile(labels)) {
      throw new ParameterException(cli, "No such labels file: " + labels);
    }
    LabelsFile.Labels read;
    try {
      read = LabelsFile.read(labels, zone());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, e.getMessage());
    }
    err.printf(
        "%d labelled faults from %s%s%n",
        read.faults().size(),
        labels,
        read.skipped() == 0 ? "" : " (" + read.skipped() + " unreadable rows skipped)");
    if (read.zoneless() > 0 && labelZone == null) {
      err.printf(
          "%d label times name no zone and were read as UTC (--label-zone to change)%n",
          read.zoneless());
    }
    return read.faults();
  }

  /** Reads a zone id for {@code --label-zone}; refuses anything else with examples. */
  static final class ZoneConverter implements ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        throw new TypeConversionException(
            "expected a zone such as UTC, UTC+8, +05:30 or Asia/Shanghai, not '" + value + "'");
      }
    }
  }
}
