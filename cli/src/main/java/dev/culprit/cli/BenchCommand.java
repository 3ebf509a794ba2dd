package dev.culprit.cli;

import dev.culprit.bench.Bench;
import dev.culprit.bench.BenchInput;
import dev.culprit.bench.BenchReport;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.model.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code culprit bench}: throughput and latency of the pipeline against a pass-through app. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures, in one run on one in-JVM broker and one input, the records/s of a pass-through"
          + " Kafka Streams app, of the normalising stage alone and of the full pipeline, and the"
          + " event-to-incident latency after a window closes; heap and resident memory too.",
      "Input: N simulated signals (a realistic mix of metrics, spans and logs with injected"
          + " faults), or the first N signals of a dataset, encoded as OTLP protobuf on the raw"
          + " topics. Progress on stderr, a summary on stdout."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--signals",
      defaultValue = "300000",
      description = "Signals in the input (default: ${DEFAULT-VALUE}).")
  int signals;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the simulated input (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--dataset",
      description = "Take the input from a dataset instead: nezha or fault-alerts (with --path).")
  String dataset;

  @Option(names = "--path", description = "The dataset's directory or archive.")
  Path path;

  @Option(
      names = "--latency-rate",
      defaultValue = "0",
      description =
          "Records/s sent during the latency run (default: half the full pipeline's throughput, or more so the run lasts at most 2 minutes).")
  double latencyRate;

  @Option(names = "--report", description = "Write the JSON report to this file.")
  Path report;

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (signals < 1) {
      throw new ParameterException(spec.commandLine(), "--signals must be at least 1");
    }
    if ((dataset == null) != (path == null)) {
      throw new ParameterException(spec.commandLine(), "--dataset and --path go together");
    }
    PrintWriter err = spec.commandLine().getErr();
    BenchInput input =
        dataset == null
            ? BenchInput.simulated(seed, signals)
            : BenchInput.of(DatasetFormats.open(spec.commandLine(), dataset, path), signals);
    if (input.records().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "The input has no metric, span or log");
    }
    progress(err, input.describe());
    BenchReport result =
        new Bench(PipelineConfig.defaults(), line -> progress(err, line)).run(input, latencyRate);
    PrintWriter out = spec.commandLine().getOut();
    print(out, input, result);
    if (report != null) {
      Json.mapper().writerWithDefaultPrettyPrinter().writeValue(report.toFile(), result);
      out.println("report written to " + report);
    }
    out.flush();
    return 0;
  }

  private void progress(PrintWriter err, String line) {
    if (!quiet) {
      err.println(line);
      err.flush();
    }
  }

  private static void print(PrintWriter out, BenchInput input, BenchReport r) {
    out.println(input.describe());
    out.printf("%-16s %12s %10s%n", "phase", "records/s", "ms");
    for (BenchReport.Phase p : r.phases()) {
      out.printf("%-16s %,12.0f %,10d%n", p.name(), p.recordsPerSecond(), p.millis());
    }
    out.printf(
        "full pipeline / pass-through %.3f, normalize / pass-through %.3f%n",
        r.fullRatio(), r.normalizeRatio());
    out.printf(
        "event -> incident after window close: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
            + " (%d incident versions at %,.0f records/s)%n",
        r.latency().p50(),
        r.latency().p99(),
        r.latency().max(),
        r.latency().incidents(),
        r.latency().rate());
    out.printf(
        "heap peak %,d MiB of %,d MiB, resident peak %,d MiB%n",
        r.heapPeakBytes() >> 20, r.heapMaxBytes() >> 20, r.rssPeakBytes() >> 20);
  }
}
