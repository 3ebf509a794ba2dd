package dev.culprit.cli;

import dev.culprit.correlation.PipelineConfig;
import dev.culprit.correlation.suppress.SuppressionConfig;
import dev.culprit.demo.DemoEvent;
import dev.culprit.demo.DemoPrinter;
import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.http.IngestServer;
import dev.culprit.http.OtlpGrpcServer;
import dev.culprit.http.PortInUseException;
import dev.culprit.ingest.stage.EventTimeRule;
import dev.culprit.kafka.ClusterCheck;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.kafka.IncidentConsumer;
import dev.culprit.kafka.KafkaClients;
import dev.culprit.notify.IncidentNotifier;
import dev.culprit.run.Guarantee;
import dev.culprit.run.LiveRunner;
import dev.culprit.topology.DeclaredTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code culprit run}: the pipeline and HTTP receivers until stopped, against a Kafka cluster or,
 * without {@code --bootstrap-servers}, a single-node broker in this JVM whose log and Streams state
 * are kept under {@code --data-dir}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Culprit: normalises raw Alertmanager, OTLP and Zipkin topics, runs the pipeline,"
          + " serves the HTTP and OTLP/gRPC receivers and prints incidents as they change. Without"
          + " --bootstrap-servers it starts a single-node Kafka broker in this JVM, its log and"
          + " the pipeline's state under --data-dir. Stops on Ctrl-C."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "Kafka cluster to run against; without it (and without bootstrap.servers in"
              + " --kafka-config) a broker runs in this JVM.")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties (security.protocol, sasl.*, ssl.*) for every client on the"
              + " cluster.")
  Path kafkaConfig;

  @Option(
      names = "--data-dir",
      defaultValue = "culprit-data",
      paramLabel = "DIR",
      description =
          "Where the in-JVM broker keeps its log (DIR/kafka) and the pipeline its state"
              + " (DIR/streams), kept across restarts (default culprit-data).")
  Path dataDir;

  @Option(
      names = "--broker-port",
      defaultValue = "9092",
      paramLabel = "PORT",
      description = "Port of the in-JVM broker (default 9092; 0 for any free port).")
  int brokerPort;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description = "HTTP receivers' port (default 8080; -1 for none).")
  int httpPort;

  @Option(
      names = "--otlp-grpc-port",
      defaultValue = "4317",
      paramLabel = "PORT",
      description =
          "OTLP/gRPC receiver's port (default 4317; -1 for none), on the --http-bind address with"
              + " the HTTP receivers' token and limits.")
  int otlpGrpcPort;

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
      names = "--idle-advance",
      defaultValue = "PT30S",
      paramLabel = "DURATION",
      description =
          "How long a task's input may be quiet before its event time moves on by this host's"
              + " clock, so the last windows close and a lone alert opens its incident without a"
              + " later signal (ISO-8601, default PT30S; PT0S: event time moves only with signals).")
  Duration idleAdvance;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "8388608",
      description = "Largest HTTP body accepted (default 8 MiB).")
  int maxBodyBytes;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Kafka Streams state directory (default: streams under --data-dir).")
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

  @Option(
      names = "--processing-guarantee",
      defaultValue = "exactly-once",
      paramLabel = "GUARANTEE",
      converter = GuaranteeConverter.class,
      description =
          "exactly-once (default: Kafka transactions; a crash repeats nothing) or at-least-once"
              + " (cheaper; a crash may repeat what was processed since the last commit).")
  Guarantee guarantee;

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

  @Mixin LogFormatOption logFormat = new LogFormatOption();

  private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(10);

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final CompletableFuture<Integer> httpPortBound = new CompletableFuture<>();

  @Override
  public Integer call() throws Exception {
    Thread hook = new Thread(this::stopAndWait, "culprit-run-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return runUntilStopped();
    } finally {
      httpPortBound.complete(-1);
      finished.countDown();
      removeQuietly(hook);
    }
  }

  private Integer runUntilStopped() throws Exception {
    validate();
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
    OtlpGrpcServer.Config grpc =
        otlpGrpcPort < 0
            ? null
            : new OtlpGrpcServer.Config(
                otlpGrpcPort,
                httpBind,
                token,
                maxBodyBytes,
                Duration.ofSeconds(10),
                httpMaxConcurrent);
    FeedbackLinks links = notify.links(spec.commandLine(), token);
    KafkaClients cluster = cluster();
    Path state = stateDir != null ? stateDir : dataDir.resolve("streams");
    Files.createDirectories(state);
    if (cluster != null && !reachable(cluster)) {
      return 1;
    }
    try (EmbeddedKafkaBroker broker = cluster == null ? startBroker() : null) {
      KafkaClients clients = cluster != null ? cluster : KafkaClients.of(broker.bootstrapServers());
      return serve(clients, state, http, grpc, links, held);
    }
  }

  private Integer serve(
      KafkaClients clients,
      Path state,
      IngestServer.Config http,
      OtlpGrpcServer.Config grpc,
      FeedbackLinks links,
      SuppressionConfig held)
      throws Exception {
    try {
      return serveOrFail(clients, state, http, grpc, links, held);
    } catch (PortInUseException e) {
      String option = e.receiver().equals("HTTP") ? "--http-port" : "--otlp-grpc-port";
      spec.commandLine()
          .getErr()
          .printf(
              "culprit run: %s; stop what listens there or choose another %s (-1 for none)%n",
              e.getMessage(), option);
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  private Integer serveOrFail(
      KafkaClients clients,
      Path state,
      IngestServer.Config http,
      OtlpGrpcServer.Config grpc,
      FeedbackLinks links,
      SuppressionConfig held)
      throws Exception {
    DemoPrinter printer = new DemoPrinter(spec.commandLine().getOut(), output.equals("json"));
    PipelineConfig live = PipelineConfig.defaults().withSuppression(held);
    try (LiveRunner runner =
            LiveRunner.start(
                new LiveRunner.Settings(
                    clients.bootstrapServers(),
                    applicationId,
                    state,
                    partitions,
                    http,
                    mapping.mapping(),
                    topology == null ? List.of() : DeclaredTopology.read(topology),
                    EventTimeRule.live(Clock.systemUTC(), maxEventLead),
                    links,
                    clients.settings(),
                    guarantee,
                    grpc),
                opening.apply(
                    spec.commandLine(),
                    live.withEvidence(live.evidence().withIdleAdvance(idleAdvance))));
        IncidentConsumer incidents = new IncidentConsumer(clients, applicationId + "-console");
        IncidentNotifier notifier =
            notify.any()
                ? IncidentNotifier.start(
                    notify.config(spec.commandLine(), clients, false, links),
                    notify.destinations(spec.commandLine()),
                    NotifyOptions::renderer,
                    runner.metrics())
                : null) {
      spec.commandLine()
          .getErr()
          .printf(
              "culprit running on %s (%s); HTTP receivers on %s:%d (web pages at /incidents)%s%n",
              clients.bootstrapServers(),
              guarantee.optionName(),
              httpBind,
              runner.httpPort(),
              runner.otlpGrpcPort() < 0
                  ? ""
                  : "; OTLP/gRPC on " + httpBind + ":" + runner.otlpGrpcPort());
      httpPortBound.complete(runner.httpPort());
      while (stopped.getCount() > 0 && runner.failure() == null) {
        incidents
            .poll(Duration.ofMillis(500))
            .forEach(i -> printer.accept(new DemoEvent.IncidentEvent(i)));
      }
      return runner.failure() == null ? 0 : 1;
    }
  }

  /** Options checked before anything starts: each problem is a usage error naming the option. */
  private void validate() {
    CommandLine cli = spec.commandLine();
    if (httpPort < -1 || httpPort > 65_535) {
      throw new ParameterException(cli, "--http-port must be 0 to 65535 (or -1), not " + httpPort);
    }
    if (otlpGrpcPort < -1 || otlpGrpcPort > 65_535) {
      throw new ParameterException(
          cli, "--otlp-grpc-port must be 0 to 65535 (or -1), not " + otlpGrpcPort);
    }
    if (brokerPort < 0 || brokerPort > 65_535) {
      throw new ParameterException(cli, "--broker-port must be 0 to 65535, not " + brokerPort);
    }
    if (partitions < 1) {
      throw new ParameterException(cli, "--partitions must be at least 1, not " + partitions);
    }
    if (maxBodyBytes < 1) {
      throw new ParameterException(cli, "--max-body-bytes must be positive, not " + maxBodyBytes);
    }
    if (httpMaxConcurrent < 1) {
      throw new ParameterException(
          cli, "--http-max-concurrent must be at least 1, not " + httpMaxConcurrent);
    }
    if (httpIdleTimeout.toMillis() < 1) {
      throw new ParameterException(
          cli, "--http-idle-timeout must be positive, not " + httpIdleTimeout);
    }
    if (maxEventLead.isNegative()) {
      throw new ParameterException(cli, "--max-event-lead must not be negative");
    }
    if (idleAdvance.isNegative()) {
      throw new ParameterException(cli, "--idle-advance must not be negative");
    }
    if (!output.equals("text") && !output.equals("json")) {
      throw new ParameterException(cli, "--output must be text or json, not " + output);
    }
    if (applicationId.isBlank()) {
      throw new ParameterException(cli, "--application-id must not be blank");
    }
  }

  /**
   * Whether the cluster answers within {@link #CLUSTER_TIMEOUT}; when it does not, one line on
   * stderr says so.
   */
  private boolean reachable(KafkaClients cluster) {
    String why = ClusterCheck.unreachable(cluster, CLUSTER_TIMEOUT);
    if (why != null) {
      spec.commandLine()
          .getErr()
          .printf(
              "culprit run: cannot reach Kafka at %s within %d s (%s); is it running, and are"
                  + " --bootstrap-servers and --kafka-config right?%n",
              cluster.bootstrapServers(), CLUSTER_TIMEOUT.toSeconds(), why);
      spec.commandLine().getErr().flush();
    }
    return why == null;
  }

  /** The cluster named by the options, or null for a broker in this JVM. */
  private KafkaClients cluster() {
    try {
      if (kafkaConfig != null) {
        return KafkaClients.read(bootstrapServers, kafkaConfig);
      }
      return bootstrapServers == null ? null : KafkaClients.of(bootstrapServers);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private EmbeddedKafkaBroker startBroker() {
    spec.commandLine()
        .getErr()
        .printf("starting a Kafka broker in this JVM, its log in %s%n", dataDir.resolve("kafka"));
    return BrokerCommand.start(spec.commandLine(), dataDir, brokerPort, "--broker-port");
  }

  /** Asks a running {@code run} to stop; it closes what it started and returns. */
  void stop() {
    stopped.countDown();
  }

  /** The HTTP receivers' port once they listen; -1 when the run ended before, or without them. */
  CompletableFuture<Integer> httpPortBound() {
    return httpPortBound;
  }

  static final class GuaranteeConverter implements CommandLine.ITypeConverter<Guarantee> {
    @Override
    public Guarantee convert(String value) {
      try {
        return Guarantee.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static void removeQuietly(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: the JVM is exiting anyway
    }
  }

  private void stopAndWait() {
    stop();
    try {
      finished.await(45, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
