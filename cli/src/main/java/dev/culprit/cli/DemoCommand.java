package dev.culprit.cli;

import dev.culprit.correlation.PipelineConfig;
import dev.culprit.demo.DemoEvent;
import dev.culprit.demo.DemoLabels;
import dev.culprit.demo.DemoPrinter;
import dev.culprit.demo.DemoRunner;
import dev.culprit.feedback.KafkaFeedbackSink;
import dev.culprit.http.Endpoint;
import dev.culprit.http.IngestServer;
import dev.culprit.http.KafkaRawSink;
import dev.culprit.http.OperationsEndpoints;
import dev.culprit.http.OtlpGrpcServer;
import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.kafka.KafkaClients;
import dev.culprit.metrics.CulpritMetrics;
import dev.culprit.notify.IncidentNotifier;
import dev.culprit.record.BackgroundRecorder;
import dev.culprit.run.LivePipeline;
import dev.culprit.sim.FaultKind;
import dev.culprit.sim.Simulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code culprit demo}: a simulated system with faults, through the real pipeline on Kafka. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts an in-JVM Kafka broker, a simulated microservice system (a dozen services, their"
          + " pods and nodes) that injects faults of several kinds, and the Culprit pipeline;"
          + " shows each ranked incident next to the fault that was injected."
    })
final class DemoCommand implements Callable<Integer> {
  private static final Duration HTTP_WRITE_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_BODY_BYTES = 8 << 20;

  @Spec CommandSpec spec;

  @Option(
      names = "--duration",
      defaultValue = "120",
      description = "Real seconds to run, warm-up included (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(
      names = "--output",
      defaultValue = "text",
      description = "text (default) or json: one JSON line per fault and per incident update.")
  String output;

  @Option(
      names = "--speedup",
      defaultValue = "60",
      description =
          "Simulated seconds per real second after the warm-up (default: ${DEFAULT-VALUE}).")
  double speedup;

  @Option(names = "--seed", defaultValue = "7", description = "Simulator seed (default: 7).")
  long seed;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description = "Port of the HTTP receivers (Alertmanager, OTLP/HTTP, Zipkin); -1 for none.")
  int httpPort;

  @Option(
      names = "--otlp-grpc-port",
      defaultValue = "-1",
      paramLabel = "PORT",
      description = "Port of an OTLP/gRPC receiver on 127.0.0.1 (default -1: none; 4317 is usual).")
  int otlpGrpcPort;

  @Option(
      names = "--faults",
      split = ",",
      paramLabel = "KIND",
      description =
          "Fault kinds to inject, comma-separated (default: all): cpu, cpu-contention, memory,"
              + " delay, loss, exception, return, disk, node-cpu, node-memory.")
  List<String> faults;

  @Option(
      names = "--record",
      paramLabel = "DIR",
      description =
          "Also record the raw topics the simulator writes into DIR, as `culprit record` does,"
              + " for `culprit replay --dataset recorded --path DIR`.")
  Path record;

  @Option(
      names = "--labels-out",
      paramLabel = "FILE",
      description =
          "Write each injected fault to this labels file as it starts, for `culprit replay"
              + " --labels FILE`.")
  Path labelsOut;

  @Mixin NotifyOptions notify = new NotifyOptions();

  @Mixin LogFormatOption logFormat = new LogFormatOption();

  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile DemoRunner active;
  private volatile boolean stopRequested;

  @Override
  public Integer call() throws Exception {
    notify.validate(spec.commandLine());
    if (durationSeconds < 10) {
      throw new ParameterException(spec.commandLine(), "--duration must be at least 10 seconds");
    }
    if (!output.equals("text") && !output.equals("json")) {
      throw new ParameterException(spec.commandLine(), "--output must be text or json");
    }
    if (!(speedup > 0) || Double.isInfinite(speedup)) {
      throw new ParameterException(
          spec.commandLine(), "--speedup must be a positive number, not " + speedup);
    }
    if (httpPort < -1 || httpPort > 65_535) {
      throw new ParameterException(
          spec.commandLine(), "--http-port must be 0 to 65535 (or -1), not " + httpPort);
    }
    if (otlpGrpcPort < -1 || otlpGrpcPort > 65_535) {
      throw new ParameterException(
          spec.commandLine(), "--otlp-grpc-port must be 0 to 65535 (or -1), not " + otlpGrpcPort);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Simulator.Options options = withKinds(Simulator.Options.defaults(seed));
    long start = System.currentTimeMillis() - options.warmup().toMillis();
    Simulator simulator = new Simulator(options.withStart(start - start % 60_000));
    DemoPrinter printer = new DemoPrinter(out, output.equals("json"));
    err.println("starting an in-JVM Kafka broker...");
    Thread hook = new Thread(this::stopAndWait, "culprit-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      demo(simulator, printer, err);
    } finally {
      finished.countDown();
      RunCommand.removeQuietly(hook);
    }
    return 0;
  }

  /**
   * The demo on a broker with a temporary log directory, which closing it deletes: on SIGTERM the
   * shutdown hook stops the demo and waits for this to return.
   */
  private void demo(Simulator simulator, DemoPrinter printer, PrintWriter err) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        CulpritMetrics metrics = new CulpritMetrics()) {
      err.printf(
          "broker at %s; simulating %d services; %d s of real time%n",
          broker.bootstrapServers(), simulator.services().size(), durationSeconds);
      LivePipeline.createTopics(broker.bootstrapServers(), 1, MAX_BODY_BYTES);
      try (KafkaRawSink sink =
              new KafkaRawSink(broker.bootstrapServers(), MAX_BODY_BYTES, HTTP_WRITE_TIMEOUT);
          KafkaFeedbackSink feedback =
              new KafkaFeedbackSink(broker.bootstrapServers(), HTTP_WRITE_TIMEOUT);
          LivePipeline.WebPages web =
              httpPort < 0
                  ? null
                  : LivePipeline.webPages(
                      KafkaClients.of(broker.bootstrapServers()),
                      httpConfig(),
                      notify.links(spec.commandLine(), null));
          IngestServer http = startHttp(sink, feedback, web, metrics, err);
          OtlpGrpcServer grpc = startOtlpGrpc(sink, metrics, err);
          IncidentNotifier notifier =
              notify.any()
                  ? IncidentNotifier.start(
                      notify.config(
                          spec.commandLine(),
                          broker.bootstrapServers(),
                          true,
                          notify.links(spec.commandLine(), null)),
                      notify.destinations(spec.commandLine()),
                      NotifyOptions::renderer,
                      metrics)
                  : null) {
        run(broker, simulator, printer, metrics, err);
      }
    }
  }

  private void stopAndWait() {
    stopRequested = true;
    DemoRunner runner = active;
    if (runner != null) {
      runner.stop();
    }
    try {
      finished.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Simulator.Options withKinds(Simulator.Options options) {
    if (faults == null || faults.isEmpty()) {
      return options;
    }
    try {
      List<FaultKind> kinds = faults.stream().map(FaultKind::parse).toList();
      return options.withFaults(options.faultDuration(), options.gapBetweenFaults(), kinds);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--faults: " + e.getMessage());
    }
  }

  private IngestServer.Config httpConfig() {
    return new IngestServer.Config(Math.max(0, httpPort), null, MAX_BODY_BYTES, HTTP_WRITE_TIMEOUT);
  }

  private IngestServer startHttp(
      KafkaRawSink sink,
      KafkaFeedbackSink feedback,
      LivePipeline.WebPages web,
      CulpritMetrics metrics,
      PrintWriter err) {
    if (httpPort < 0) {
      return null;
    }
    try {
      List<Endpoint> more =
          new ArrayList<>(
              OperationsEndpoints.of(metrics::scrape, this::pipelineRunning, this::pipelineState));
      more.addAll(web.view().endpoints());
      IngestServer s =
          LivePipeline.startHttp(
              httpConfig(),
              sink,
              feedback,
              EntityMapping.defaults(),
              notify.links(spec.commandLine(), null),
              more,
              metrics);
      err.printf(
          "HTTP receivers on http://%s:%d (POST /api/v1/alerts, /v1/traces, ..., /api/feedback)%n",
          IngestServer.Config.LOOPBACK, s.port());
      err.printf("incidents at http://%s:%d/incidents%n", IngestServer.Config.LOOPBACK, s.port());
      err.printf(
          "metrics at http://%s:%d/metrics, readiness at /health/ready%n",
          IngestServer.Config.LOOPBACK, s.port());
      return s;
    } catch (java.io.IOException e) {
      err.printf("HTTP receivers not started: port %d: %s%n", httpPort, e.getMessage());
      return null;
    }
  }

  private boolean pipelineRunning() {
    DemoRunner r = active;
    return r != null && r.pipelineRunning();
  }

  private String pipelineState() {
    DemoRunner r = active;
    return r == null ? "NOT_RUNNING" : r.pipelineState();
  }

  private OtlpGrpcServer startOtlpGrpc(KafkaRawSink sink, CulpritMetrics metrics, PrintWriter err) {
    if (otlpGrpcPort < 0) {
      return null;
    }
    try {
      OtlpGrpcServer s =
          LivePipeline.startOtlpGrpc(
              new OtlpGrpcServer.Config(
                  otlpGrpcPort, null, null, MAX_BODY_BYTES, HTTP_WRITE_TIMEOUT, 8),
              sink,
              EntityMapping.defaults(),
              metrics);
      err.printf("OTLP/gRPC receiver on %s:%d%n", IngestServer.Config.LOOPBACK, s.port());
      return s;
    } catch (java.io.IOException e) {
      err.printf("OTLP/gRPC receiver not started: %s%n", e.getMessage());
      return null;
    }
  }

  private void run(
      EmbeddedKafkaBroker broker,
      Simulator simulator,
      DemoPrinter printer,
      CulpritMetrics metrics,
      PrintWriter err)
      throws Exception {
    DemoRunner runner =
        new DemoRunner(
            broker.bootstrapServers(),
            LivePipeline.topology(PipelineConfig.defaults()),
            simulator,
            DemoRunner.Settings.defaults(Duration.ofSeconds(durationSeconds)).withSpeedup(speedup),
            metrics);
    active = runner;
    if (stopRequested) {
      runner.stop();
    }
    DemoRunner.Summary summary;
    try (DemoLabels labels = labelsOut == null ? null : DemoLabels.create(labelsOut);
        BackgroundRecorder recording =
            BackgroundRecorder.start(broker.bootstrapServers(), record)) {
      Consumer<DemoEvent> sink =
          labels == null
              ? printer::accept
              : event -> {
                printer.accept(event);
                labels.accept(event);
              };
      summary = runner.run(sink);
      if (recording != null) {
        err.printf("recorded %,d raw records into %s%n", recording.finish(), record);
      }
    }
    printer.summary(summary, err);
    if (labelsOut != null) {
      err.printf("labels of the injected faults in %s%n", labelsOut);
    }
  }
}
