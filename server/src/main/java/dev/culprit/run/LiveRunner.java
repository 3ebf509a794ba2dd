package dev.culprit.run;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.feedback.KafkaFeedbackSink;
import dev.culprit.http.Endpoint;
import dev.culprit.http.IngestServer;
import dev.culprit.http.KafkaRawSink;
import dev.culprit.http.OperationsEndpoints;
import dev.culprit.http.OtlpGrpcServer;
import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.ingest.stage.EventTimeRule;
import dev.culprit.kafka.KafkaClients;
import dev.culprit.kafka.SignalProducer;
import dev.culprit.metrics.CulpritMetrics;
import dev.culprit.model.GraphEdge;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Culprit running live against a Kafka cluster: creates the topics it needs, runs the normalising
 * stage and the pipeline as one Kafka Streams application, and serves the HTTP receivers, the
 * feedback endpoints and the web pages.
 */
public final class LiveRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveRunner.class);

  /**
   * How to run.
   *
   * @param bootstrapServers the Kafka cluster
   * @param applicationId the Kafka Streams application id (its consumer group and topic prefix)
   * @param stateDir where Kafka Streams keeps local state
   * @param partitions partitions of topics Culprit creates
   * @param http HTTP receiver settings, or null for none
   * @param mapping how alert labels name entities
   * @param declared declared topology edges, written to {@code culprit.graph} at start
   * @param eventTimes which event times the normalising stage accepts
   * @param feedbackLinks how feedback links are signed and checked; null for the default: signed
   *     with a key derived from the bearer token when there is one, else unsigned
   * @param clientSettings Kafka client settings (SASL, TLS) for every client on the cluster
   * @param guarantee the processing guarantee; null for exactly once
   * @param otlpGrpc OTLP/gRPC receiver settings, or null for none
   */
  public record Settings(
      String bootstrapServers,
      String applicationId,
      Path stateDir,
      int partitions,
      IngestServer.Config http,
      EntityMapping mapping,
      List<GraphEdge> declared,
      EventTimeRule eventTimes,
      FeedbackLinks feedbackLinks,
      Map<String, String> clientSettings,
      Guarantee guarantee,
      OtlpGrpcServer.Config otlpGrpc) {
    public Settings {
      guarantee = guarantee == null ? Guarantee.EXACTLY_ONCE : guarantee;
      declared = declared == null ? List.of() : List.copyOf(declared);
      clientSettings = clientSettings == null ? Map.of() : Map.copyOf(clientSettings);
      eventTimes =
          eventTimes == null
              ? EventTimeRule.live(Clock.systemUTC(), EventTimeRule.DEFAULT_MAX_AHEAD)
              : eventTimes;
      if (feedbackLinks == null) {
        feedbackLinks =
            http == null || http.bearerToken() == null
                ? FeedbackLinks.unsigned()
                : FeedbackLinks.fromToken(
                    http.bearerToken(), FeedbackLinks.DEFAULT_TTL, Clock.systemUTC());
      }
    }

    /** Settings accepting event times up to five minutes ahead of the system clock. */
    public Settings(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        int partitions,
        IngestServer.Config http,
        EntityMapping mapping,
        List<GraphEdge> declared) {
      this(
          bootstrapServers,
          applicationId,
          stateDir,
          partitions,
          http,
          mapping,
          declared,
          null,
          null,
          null,
          null,
          null);
    }

    /** The largest payload a receiver accepts: what raw records and topics must hold. */
    int maxPayloadBytes() {
      int http = this.http == null ? 0 : this.http.maxBodyBytes();
      int grpc = otlpGrpc == null ? 0 : otlpGrpc.maxMessageBytes();
      int most = Math.max(http, grpc);
      return most == 0 ? IngestServer.Config.defaults().maxBodyBytes() : most;
    }

    /** The write timeout of the receivers' sink. */
    Duration writeTimeout() {
      return http != null ? http.writeTimeout() : otlpGrpc.writeTimeout();
    }

    /** The cluster and its client settings. */
    public KafkaClients clients() {
      return new KafkaClients(bootstrapServers, clientSettings);
    }
  }

  private final KafkaStreams streams;
  private final KafkaRawSink sink;
  private final KafkaFeedbackSink feedback;
  private final IngestServer server;
  private final OtlpGrpcServer grpc;
  private final LivePipeline.WebPages web;
  private final CulpritMetrics metrics;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private LiveRunner(
      KafkaStreams streams,
      KafkaRawSink sink,
      KafkaFeedbackSink feedback,
      IngestServer server,
      OtlpGrpcServer grpc,
      LivePipeline.WebPages web,
      CulpritMetrics metrics) {
    this.metrics = metrics;
    this.streams = streams;
    this.sink = sink;
    this.feedback = feedback;
    this.server = server;
    this.grpc = grpc;
    this.web = web;
  }

  /**
   * Creates the topics, starts the pipeline, the HTTP receivers and the OTLP/gRPC receiver.
   *
   * @throws dev.culprit.http.PortInUseException when a receiver's port is taken
   */
  public static LiveRunner start(Settings s, PipelineConfig config) throws IOException {
    int maxBody = s.maxPayloadBytes();
    KafkaClients clients = s.clients();
    LivePipeline.createTopics(clients, s.partitions(), maxBody);
    declare(clients, s.declared());
    Properties p = clients.properties();
    p.putAll(
        CulpritPipeline.streamsProperties(s.applicationId(), s.bootstrapServers(), s.stateDir()));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.guarantee().streamsValue());
    KafkaStreams streams =
        new KafkaStreams(LivePipeline.topology(config, s.mapping(), s.eventTimes()), p);
    CulpritMetrics metrics = new CulpritMetrics();
    metrics.bind(streams);
    KafkaRawSink sink =
        s.http() == null && s.otlpGrpc() == null
            ? null
            : new KafkaRawSink(clients, maxBody, s.writeTimeout());
    KafkaFeedbackSink feedback =
        s.http() == null ? null : new KafkaFeedbackSink(clients, s.http().writeTimeout());
    IngestServer server = null;
    OtlpGrpcServer grpc = null;
    LivePipeline.WebPages web = null;
    try {
      if (s.http() != null) {
        web = LivePipeline.webPages(clients, s.http(), s.feedbackLinks());
        List<Endpoint> more =
            new ArrayList<>(
                OperationsEndpoints.of(
                    metrics::scrape,
                    () -> streams.state() == KafkaStreams.State.RUNNING,
                    () -> streams.state().name()));
        more.addAll(web.view().endpoints());
        server =
            LivePipeline.startHttp(
                s.http(), sink, feedback, s.mapping(), s.feedbackLinks(), more, metrics);
      }
      if (s.otlpGrpc() != null) {
        grpc = LivePipeline.startOtlpGrpc(s.otlpGrpc(), sink, s.mapping(), metrics);
      }
    } catch (IOException | RuntimeException e) {
      if (server != null) {
        server.close();
      }
      streams.close();
      metrics.close();
      closeAll(web, sink, feedback);
      throw e;
    }
    LiveRunner runner = new LiveRunner(streams, sink, feedback, server, grpc, web, metrics);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("The pipeline failed", e);
          runner.failure.set(e);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.start();
    return runner;
  }

  /**
   * Writes declared edges to the graph topic, stamped now so that a time-based retention cannot
   * drop them; declared edges never expire from the graph the rankers see.
   */
  private static void declare(KafkaClients clients, List<GraphEdge> declared) {
    if (declared.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    try (SignalProducer producer = new SignalProducer(clients, "culprit-topology")) {
      for (GraphEdge e : declared) {
        producer.send(
            new GraphEdge(
                e.source(),
                e.target(),
                e.kind(),
                e.calls(),
                e.errors(),
                e.totalLatencyMicros(),
                Math.max(now, e.lastSeen()),
                true));
      }
    }
    LOG.info("Declared {} topology edges", declared.size());
  }

  /** The HTTP port, or -1 without receivers. */
  public int httpPort() {
    return server == null ? -1 : server.port();
  }

  /** The OTLP/gRPC port, or -1 without that receiver. */
  public int otlpGrpcPort() {
    return grpc == null ? -1 : grpc.port();
  }

  /** The state of the Kafka Streams application. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The metrics of this run, which {@code /metrics} serves; a notifier may report to them. */
  public CulpritMetrics metrics() {
    return metrics;
  }

  /** The failure that stopped the pipeline, or null while it runs. */
  public Throwable failure() {
    return failure.get();
  }

  /**
   * Stops the receivers, then the pipeline, which commits and leaves its consumer group: the other
   * instances of the application (or this one restarted) take its partitions over at once, where a
   * member that just vanishes is waited for until its session times out.
   */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    if (grpc != null) {
      grpc.close();
    }
    closeAll(web, sink, feedback);
    streams.close(
        CloseOptions.timeout(Duration.ofSeconds(30))
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    metrics.close();
  }

  private static void closeAll(AutoCloseable... closeables) {
    for (AutoCloseable c : closeables) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("Failed to close {}: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
