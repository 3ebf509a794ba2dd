package dev.culprit.run;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.correlation.rank.RootCauseRanker;
import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.feedback.FeedbackSink;
import dev.culprit.http.Endpoint;
import dev.culprit.http.FeedbackRoutes;
import dev.culprit.http.IngestServer;
import dev.culprit.http.KafkaRawSink;
import dev.culprit.http.OtlpGrpcServer;
import dev.culprit.http.OtlpReplies;
import dev.culprit.http.RawSink;
import dev.culprit.http.ReceiverObserver;
import dev.culprit.http.Route;
import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.format.OtlpSignal;
import dev.culprit.ingest.format.ParseResult;
import dev.culprit.ingest.format.WireFormat;
import dev.culprit.ingest.stage.EventTimeRule;
import dev.culprit.ingest.stage.NormalizeStage;
import dev.culprit.kafka.KafkaClients;
import dev.culprit.kafka.KafkaTopics;
import dev.culprit.model.Topic;
import dev.culprit.model.Topics;
import dev.culprit.web.GraphView;
import dev.culprit.web.IncidentBoard;
import dev.culprit.web.WebFeed;
import dev.culprit.web.WebView;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The live pipeline: raw topics normalised, then the Culprit stages; and its HTTP routes and web
 * pages.
 */
public final class LivePipeline {
  private LivePipeline() {}

  /** The topology: {@link NormalizeStage} on the raw topics, then the pipeline. */
  public static Topology topology(PipelineConfig config) {
    return topology(config, EntityMapping.defaults());
  }

  /**
   * The topology, with Alertmanager labels mapped to entities by {@code mapping}, accepting any
   * event time from 1970 on.
   */
  public static Topology topology(PipelineConfig config, EntityMapping mapping) {
    return topology(config, mapping, EventTimeRule.anyTime(), UnaryOperator.identity());
  }

  /**
   * The topology, with Alertmanager labels mapped to entities by {@code mapping} and event times
   * checked by {@code eventTimes}.
   */
  public static Topology topology(
      PipelineConfig config, EntityMapping mapping, EventTimeRule eventTimes) {
    return topology(config, mapping, eventTimes, UnaryOperator.identity());
  }

  /**
   * The topology with every ranker wrapped by {@code decorate}: what a replay of raw records runs,
   * timing its rank calls (any event time is accepted).
   */
  public static Topology topology(
      PipelineConfig config, EntityMapping mapping, UnaryOperator<RootCauseRanker> decorate) {
    return topology(config, mapping, EventTimeRule.anyTime(), decorate);
  }

  /** The topology with mapped labels, checked event times and decorated rankers. */
  public static Topology topology(
      PipelineConfig config,
      EntityMapping mapping,
      EventTimeRule eventTimes,
      UnaryOperator<RootCauseRanker> decorate) {
    StreamsBuilder builder = CulpritPipeline.newBuilder();
    new NormalizeStage(mapping, eventTimes).addTo(builder);
    CulpritPipeline.addTo(builder, config, decorate);
    return builder.build();
  }

  /** Every topic the live pipeline reads or writes: canonical, internal-facing and raw. */
  public static List<Topic<?, ?>> topics() {
    List<Topic<?, ?>> all = new ArrayList<>(Topics.all());
    all.addAll(rawTopics());
    return List.copyOf(all);
  }

  private static List<Topic<?, ?>> rawTopics() {
    List<Topic<?, ?>> raw = new ArrayList<>();
    for (String name : Formats.topics()) {
      raw.add(new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray()));
    }
    return raw;
  }

  /**
   * Creates the topics: the registry's, and the raw topics accepting records as large as an HTTP
   * body of {@code maxBodyBytes} makes ({@code max.message.bytes}), so that every body the
   * receivers accept can be written. Topics that exist already are left as they are.
   */
  public static void createTopics(String bootstrapServers, int partitions, int maxBodyBytes) {
    createTopics(KafkaClients.of(bootstrapServers), partitions, maxBodyBytes);
  }

  /** Creates the topics as {@link #createTopics(String, int, int)} does, with client settings. */
  public static void createTopics(KafkaClients clients, int partitions, int maxBodyBytes) {
    Duration timeout = Duration.ofSeconds(60);
    KafkaTopics.create(clients, Topics.all(), partitions, timeout, Map.of());
    KafkaTopics.create(
        clients,
        rawTopics(),
        partitions,
        timeout,
        Map.of(
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
            String.valueOf(KafkaRawSink.recordLimit(maxBodyBytes))));
  }

  /**
   * The HTTP receivers: {@code POST /api/v1/alerts} (Alertmanager and Grafana webhooks, JSON),
   * {@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs} (OTLP/HTTP, JSON or protobuf by
   * content type, answered in the request's encoding) and {@code /api/v2/spans} (Zipkin v2 JSON).
   * Each payload is parsed before it is accepted, so a malformed one is answered 400 instead of
   * landing in the dead-letter topic; an OTLP answer counts the items left out ({@code
   * partial_success}), which go to the dead-letter topic.
   */
  public static List<Route> routes(EntityMapping mapping) {
    return List.of(
        route("/api/v1/alerts", Formats.ALERTMANAGER_TOPIC, mapping),
        otlpRoute("/v1/traces", OtlpSignal.TRACES, mapping),
        otlpRoute("/v1/metrics", OtlpSignal.METRICS, mapping),
        otlpRoute("/v1/logs", OtlpSignal.LOGS, mapping),
        route("/api/v2/spans", Formats.ZIPKIN_TOPIC, mapping));
  }

  /**
   * The OTLP/gRPC export services, each checking requests as the OTLP/HTTP route of its signal does
   * and writing them to the same raw topic.
   */
  public static List<OtlpGrpcServer.Service> otlpGrpcServices(EntityMapping mapping) {
    List<OtlpGrpcServer.Service> services = new ArrayList<>();
    for (OtlpSignal signal : OtlpSignal.values()) {
      String topic = signal.defaultTopic();
      services.add(
          new OtlpGrpcServer.Service(signal, topic, check(Formats.forTopic(topic, mapping))));
    }
    return List.copyOf(services);
  }

  /** Starts the OTLP/gRPC receiver, writing accepted exports through {@code sink}. */
  public static OtlpGrpcServer startOtlpGrpc(
      OtlpGrpcServer.Config config, RawSink sink, EntityMapping mapping, ReceiverObserver observer)
      throws IOException {
    return OtlpGrpcServer.start(config, otlpGrpcServices(mapping), sink, observer);
  }

  private static Route route(String path, String topic, EntityMapping mapping) {
    return new Route(path, topic, check(Formats.forTopic(topic, mapping)));
  }

  private static Route otlpRoute(String path, OtlpSignal signal, EntityMapping mapping) {
    String topic = signal.defaultTopic();
    return new Route(
        path,
        topic,
        Route.Accepts.OTLP,
        check(Formats.forTopic(topic, mapping)),
        OtlpReplies.forSignal(signal));
  }

  private static Route.Validator check(WireFormat format) {
    return (payload, contentType) ->
        switch (format.parse(payload, contentType)) {
          case ParseResult.Rejected r -> Route.Check.rejected(r.reason());
          case ParseResult.Parsed p -> new Route.Check(null, p.skipped());
        };
  }

  /**
   * Starts the HTTP receivers, writing accepted payloads through {@code sink}, and the feedback
   * endpoints ({@link FeedbackRoutes}), writing feedback through {@code feedback} and checking
   * links by {@code links}.
   */
  public static IngestServer startHttp(
      IngestServer.Config config,
      RawSink sink,
      FeedbackSink feedback,
      EntityMapping mapping,
      FeedbackLinks links)
      throws IOException {
    return startHttp(config, sink, feedback, mapping, links, List.of(), ReceiverObserver.NONE);
  }

  /**
   * Starts the HTTP receivers and the feedback endpoints as {@link #startHttp(IngestServer.Config,
   * RawSink, FeedbackSink, EntityMapping, FeedbackLinks)} does, and the pages of {@code web} (null
   * for none) on the same port.
   */
  public static IngestServer startHttp(
      IngestServer.Config config,
      RawSink sink,
      FeedbackSink feedback,
      EntityMapping mapping,
      FeedbackLinks links,
      WebView web)
      throws IOException {
    return startHttp(
        config,
        sink,
        feedback,
        mapping,
        links,
        web == null ? List.of() : web.endpoints(),
        ReceiverObserver.NONE);
  }

  /**
   * Starts the HTTP receivers and feedback endpoints as the other {@code startHttp} does, with
   * {@code more} endpoints beside them (web pages, metrics), reporting every answer to {@code
   * observer}.
   */
  public static IngestServer startHttp(
      IngestServer.Config config,
      RawSink sink,
      FeedbackSink feedback,
      EntityMapping mapping,
      FeedbackLinks links,
      List<Endpoint> more,
      ReceiverObserver observer)
      throws IOException {
    FeedbackRoutes feedbackRoutes =
        new FeedbackRoutes(
            feedback, Clock.systemUTC(), config.writeTimeout(), config.bearerToken(), links);
    List<Endpoint> endpoints = new ArrayList<>(feedbackRoutes.endpoints());
    endpoints.addAll(more);
    return IngestServer.start(config, routes(mapping), sink, endpoints, observer);
  }

  /**
   * The web pages of a server with {@code config}, reading {@code culprit.incidents} and {@code
   * culprit.graph.checked} of the cluster {@code clients} reach into memory (what its transactions
   * committed); closing it stops the reading.
   */
  public static WebPages webPages(
      KafkaClients clients, IngestServer.Config config, FeedbackLinks links) {
    IncidentBoard board = new IncidentBoard();
    GraphView graph = new GraphView();
    WebFeed feed = WebFeed.start(clients, board, graph);
    return new WebPages(new WebView(board, graph, config.bearerToken(), links), feed, board);
  }

  /**
   * The web pages and the feed that keeps them current.
   *
   * @param view the pages to serve
   * @param feed what reads the topics into them
   * @param board the incidents they show
   */
  public record WebPages(WebView view, WebFeed feed, IncidentBoard board) implements AutoCloseable {
    @Override
    public void close() {
      view.close();
      feed.close();
    }
  }
}
