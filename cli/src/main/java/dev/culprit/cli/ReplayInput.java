package dev.culprit.cli;

import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.EventTimes;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.recording.RecordedDataset;
import dev.culprit.kafka.TopicsDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What {@code replay} reads: a dataset ({@code --dataset} and {@code --path}; a recording of raw
 * topics is one), or the raw topics a cluster retains ({@code --from-topics}), optionally limited
 * by Kafka timestamp to {@code [--since, --until)}.
 */
final class ReplayInput {
  @Option(
      names = "--dataset",
      description =
          "Dataset format: nezha (TrainTicket metrics, logs, traces), fault-alerts, or recorded"
              + " (a directory `culprit record` wrote, replayed through the normalising stage).")
  String dataset;

  @Option(
      names = "--path",
      description = "Dataset directory (or .tar.gz archive for nezha, or recording directory).")
  Path path;

  @Option(
      names = "--from-topics",
      description =
          "Replay the raw topics (alertmanager.raw, otlp_*, zipkin.raw) that the cluster at"
              + " --bootstrap-servers retains, read directly; the pipeline then runs in-process"
              + " (or on --broker embedded) and writes nothing to that cluster.")
  boolean fromTopics;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "With --from-topics or a recording: only records from this time on (Kafka timestamp;"
              + " ISO-8601 like 2026-03-01T00:00:00Z, or epoch seconds or millis).")
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "With --from-topics or a recording: only records before this time.")
  String until;

  /** Whether the input is the raw topics of the cluster at {@code --bootstrap-servers}. */
  boolean fromTopics() {
    return fromTopics;
  }

  /** Opens the input; usage errors for missing or contradictory options. */
  Dataset open(CommandLine cli, ZoneId labelZone, String bootstrapServers) throws IOException {
    long from = time(cli, "--since", since, Long.MIN_VALUE);
    long to = time(cli, "--until", until, Long.MAX_VALUE);
    if (to <= from) {
      throw new ParameterException(cli, "--until must be later than --since");
    }
    if (fromTopics) {
      if (dataset != null || path != null) {
        throw new ParameterException(cli, "Use either --from-topics or --dataset and --path");
      }
      if (bootstrapServers == null) {
        throw new ParameterException(cli, "--from-topics reads the cluster at --bootstrap-servers");
      }
      return new TopicsDataset(bootstrapServers, Formats.topics(), from, to);
    }
    if (dataset == null || path == null) {
      throw new ParameterException(cli, "Give --dataset and --path, or --from-topics");
    }
    if (!Files.exists(path)) {
      throw new ParameterException(cli, "No such dataset path: " + path);
    }
    if (dataset.equals("recorded")) {
      RecordedDataset recorded = recording(cli);
      return since == null && until == null ? recorded : recorded.between(from, to);
    }
    if (since != null || until != null) {
      throw new ParameterException(cli, "--since and --until apply to recorded data only");
    }
    return DatasetFormats.open(cli, dataset, path, labelZone);
  }

  private RecordedDataset recording(CommandLine cli) throws IOException {
    try {
      return RecordedDataset.open(path, Set.copyOf(Formats.topics()));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new ParameterException(cli, e.getMessage(), e);
    }
  }

  private static long time(CommandLine cli, String option, String text, long absent) {
    if (text == null) {
      return absent;
    }
    try {
      return EventTimes.millis(text, ZoneOffset.UTC);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          cli, option + " must be an ISO-8601 time like 2026-03-01T00:00:00Z or epoch seconds");
    }
  }
}
