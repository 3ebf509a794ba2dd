package dev.culprit.cli;

import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.recording.RecordingWriter;
import dev.culprit.record.Recorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code culprit record}: records the raw topics of a cluster for {@code replay}. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Records the raw topics of a Kafka cluster (what Alertmanager, the OpenTelemetry Collector"
          + " and Zipkin write) into a directory, with each record's timestamp, key and headers,"
          + " in gzip segments closed by size and age. `culprit replay --dataset recorded --path"
          + " DIR` replays them through the normalising stage as live.",
      "Runs until interrupted (Ctrl-C closes the open segments) or, with --stop-at-end, until"
          + " it has recorded what the topics held when it started. Started again on the same"
          + " directory it resumes where it stopped."
    })
final class RecordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka at HOST:PORT.")
  String bootstrapServers;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to record.")
  Path out;

  @Option(
      names = "--topics",
      split = ",",
      description =
          "Topics to record (default: alertmanager.raw, otlp_logs, otlp_metrics,"
              + " otlp_spans, zipkin.raw).")
  List<String> topics;

  @Option(
      names = "--from",
      defaultValue = "earliest",
      description =
          "Where a partition not recorded before starts: earliest (what the topic retains,"
              + " default) or latest (only what arrives from now on).")
  String from;

  @Option(
      names = "--segment-mb",
      defaultValue = "64",
      description = "Close a segment after this many MiB of records (default: ${DEFAULT-VALUE}).")
  int segmentMb;

  @Option(
      names = "--segment-minutes",
      defaultValue = "10",
      description = "Close a segment after this many minutes (default: ${DEFAULT-VALUE}).")
  int segmentMinutes;

  @Option(
      names = "--stop-at-end",
      description = "Stop once what the topics held at the start is recorded.")
  boolean stopAtEnd;

  @Override
  public Integer call() throws Exception {
    if (!from.equals("earliest") && !from.equals("latest")) {
      throw new ParameterException(spec.commandLine(), "--from must be earliest or latest");
    }
    if (segmentMb < 1 || segmentMb > 1024 || segmentMinutes < 1) {
      throw new ParameterException(
          spec.commandLine(), "--segment-mb must be 1 to 1024, --segment-minutes at least 1");
    }
    Recorder recorder =
        Recorder.open(
            new Recorder.Settings(
                bootstrapServers,
                topics == null ? Formats.topics() : topics,
                out,
                new RecordingWriter.Options(
                    (long) segmentMb << 20, Duration.ofMinutes(segmentMinutes)),
                from.equals("latest")));
    PrintWriter err = spec.commandLine().getErr();
    err.printf("recording %s from %s into %s%n", topicsText(), bootstrapServers, out);
    err.flush();
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              recorder.stop();
              awaitQuietly(closed);
            },
            "culprit-record-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (stopAtEnd) {
      recorder.finish();
    }
    try {
      recorder.run();
    } finally {
      closed.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // interrupted: the hook is running and waits for the segments closed above
    }
    err.printf("recorded %,d records into %s%n", recorder.recorded(), out);
    return 0;
  }

  private String topicsText() {
    return String.join(", ", topics == null ? Formats.topics() : topics);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
