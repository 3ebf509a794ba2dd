package dev.culprit.app;

import dev.culprit.app.demo.DemoEvent;
import dev.culprit.app.demo.DemoPrinter;
import dev.culprit.app.feedback.FeedbackLinks;
import dev.culprit.app.http.IngestServer;
import dev.culprit.app.kafka.IncidentConsumer;
import dev.culprit.app.notify.IncidentNotifier;
import dev.culprit.app.run.LiveRunner;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.correlation.suppress.SuppressionConfig;
import dev.culprit.ingest.stage.EventTimeRule;
import dev.culprit.topology.DeclaredTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code culprit run}: the pipeline and HTTP receivers against a Kafka cluster, until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Culprit against a Kafka cluster: normalises raw Alertmanager, OTLP and Zipkin topics,"
          + " runs the pipeline, serves the HTTP receivers and prints incidents as they change."
          + " Stops on Ctrl-C."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka at HOST:PORT.")
  String bootstrapServers;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description = "HTTP receivers' port (default 8080; -1 for none).")
  int httpPort;

  @Option(
      names = "--http-token-env",
      description = "Name of an environment variable holding the bearer token clients must send.")
  String tokenEnv;

  @Option(names = "--http-token-file", description = "File holding the bearer token.")
  Path tokenFile;

  @Option(
      names = "--http-bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address the HTTP receivers listen on (default 127.0.0.1, this host only; 0.0.0.0 for"
              + " every interface, as Alertmanager or a Collector elsewhere needs).")
  String httpBind;

  @Option(
      names = "--http-max-concurrent",
      defaultValue = "8",
      paramLabel = "N",
      description =
          "Requests each HTTP path serves at once (default 8); more are answered 429 unread.")
  int httpMaxConcurrent;

  @Option(
      names = "--http-idle-timeout",
      defaultValue = "PT30S",
      paramLabel = "DURATION",
      description =
          "How long an HTTP connection may send nothing, mid-request or between requests, before"
              + " it is closed (ISO-8601, default PT30S).")
  Duration httpIdleTimeout;

  @Option(
      names = "--max-event-lead",
      defaultValue = "PT5M",
      paramLabel = "DURATION",
      description =
          "How far ahead of this host's clock a signal's event time may be (ISO-8601, default"
              + " PT5M); later ones go to culprit.dlq with the reason.")
  Duration maxEventLead;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "8388608",
      description = "Largest HTTP body accepted (default 8 MiB).")
  int maxBodyBytes;

  @Option(
      names = "--state-dir",
      defaultValue = ".culprit/state",
      description = "Kafka Streams state directory.")
  Path stateDir;

  @Option(
      names = "--application-id",
      defaultValue = "culprit",
      description = "Kafka Streams application id.")
  String applicationId;

  @Option(
      names = "--partitions",
      defaultValue = "1",
      description = "Partitions of the topics Culprit creates.")
  int partitions;

  @Option(names = "--output", defaultValue = "text", description = "text or json.")
  String output;

  @Mixin MappingOptions mapping = new MappingOptions();

  @Option(
      names = "--topology",
      paramLabel = "FILE",
      description = "Declared topology in Culprit's YAML format, merged with what is learned.")
  Path topology;

  @Mixin SuppressionOptions suppression = new SuppressionOptions();

  @Mixin OpeningOptions opening = new OpeningOptions();

  @Mixin NotifyOptions notify = new NotifyOptions();

  @Override
  public Integer call() throws Exception {
    notify.validate(spec.commandLine());
    SuppressionConfig held = suppression.choice(spec.commandLine()).config();
    String token = token();
    IngestServer.Config http =
        httpPort < 0
            ? null
            : new IngestServer.Config(
                httpPort,
                token,
                maxBodyBytes,
                Duration.ofSeconds(10),
                httpBind,
                httpMaxConcurrent,
                httpIdleTimeout);
    FeedbackLinks links = notify.links(spec.commandLine(), token);
    Files.createDirectories(stateDir);
    DemoPrinter printer = new DemoPrinter(spec.commandLine().getOut(), output.equals("json"));
    CountDownLatch stopped = new CountDownLatch(1);
    try (LiveRunner runner =
            LiveRunner.start(
                new LiveRunner.Settings(
                    bootstrapServers,
                    applicationId,
                    stateDir,
                    partitions,
                    http,
                    mapping.mapping(),
                    topology == null ? List.of() : DeclaredTopology.read(topology),
                    EventTimeRule.live(Clock.systemUTC(), maxEventLead),
                    links),
                opening.apply(
                    spec.commandLine(), PipelineConfig.defaults().withSuppression(held)));
        IncidentConsumer incidents =
            new IncidentConsumer(bootstrapServers, applicationId + "-console");
        IncidentNotifier notifier =
            notify.any()
                ? IncidentNotifier.start(
                    notify.config(spec.commandLine(), bootstrapServers, false, links),
                    notify.destinations(spec.commandLine()),
                    NotifyOptions::renderer)
                : null) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "culprit-run-shutdown"));
      spec.commandLine()
          .getErr()
          .printf(
              "culprit running on %s; HTTP receivers and web pages (/incidents) on %s:%d%n",
              bootstrapServers, httpBind, runner.httpPort());
      while (stopped.getCount() > 0 && runner.failure() == null) {
        incidents
            .poll(Duration.ofMillis(500))
            .forEach(i -> printer.accept(new DemoEvent.IncidentEvent(i)));
      }
      return runner.failure() == null ? 0 : 1;
    }
  }

  private String token() throws IOException {
    if (tokenEnv != null && tokenFile != null) {
      throw new ParameterException(
          spec.commandLine(), "Use --http-token-env or --http-token-file, not both");
    }
    if (tokenEnv != null) {
      String v = System.getenv(tokenEnv);
      if (v == null || v.isBlank()) {
        throw new ParameterException(
            spec.commandLine(), "Environment variable " + tokenEnv + " is not set");
      }
      return v.trim();
    }
    return tokenFile == null ? null : Files.readString(tokenFile).trim();
  }
}
