package dev.culprit.correlation.evidence;

import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.Alert;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.JsonSerde;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.SignalType;
import dev.culprit.model.Span;
import dev.culprit.model.Topics;
import dev.culprit.topology.stage.SignalStreams;
import dev.culprit.topology.state.ObjectCachingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Turns canonical signals into anomaly evidence.
 *
 * <ul>
 *   <li>Input: {@code culprit.metrics}, {@code culprit.logs}, {@code culprit.spans} and {@code
 *       culprit.alerts}, all keyed by entity, so per-entity windows are local (no repartition).
 *   <li>Metrics, logs and spans of one entity are joined in tumbling event-time windows of {@code
 *       window} with {@code grace} for late data (store {@code evidence-windows-v2}); log lines are
 *       mined into templates per entity (store {@code evidence-log-templates-v1}).
 *   <li>Each closed window is scored against the entity's learned history (store {@code
 *       evidence-baselines-v1}); departures become {@link Evidence}.
 *   <li>Spans and log lines are repartitioned by trace id ({@code
 *       evidence-trace-parts-by-trace-v2}) to find the services where errors originate, calls that
 *       went without the log lines they usually write ({@link ErrorOriginProcessor}), and the
 *       network time of calls between services, blamed on the common end of the slow edges ({@link
 *       EdgeTimes}, {@link NetworkTime}).
 *   <li>Every alert's state (firing until when, or resolved) goes on to the incident stage, where a
 *       firing alert holds its incident open.
 *   <li>Firing alerts become evidence directly.
 *   <li>Output: {@code culprit.evidence} (key: entity), and the returned stream of {@link
 *       ScopedEvent}s (evidence and ticks) for the scope, suppression and incident stages.
 * </ul>
 */
public final class EvidenceStage {
  static final String WINDOWS_STORE = "evidence-windows-v2";
  static final String BASELINES_STORE = "evidence-baselines-v1";
  static final String TEMPLATES_STORE = "evidence-log-templates-v1";
  static final String TRACES_STORE = "evidence-traces-v2";
  static final String TRACE_PARTS_STORE = "evidence-trace-parts-v1";
  static final String SPAN_LOG_PROFILES_STORE = "evidence-span-log-profiles-v1";
  static final String ERROR_MINUTES_STORE = "evidence-error-minutes-v1";
  static final String ERROR_BASELINES_STORE = "evidence-error-baselines-v1";
  static final String EDGE_MINUTES_STORE = "evidence-edge-minutes-v1";
  static final String EDGE_BASELINES_STORE = "evidence-edge-baselines-v1";

  private final EvidenceConfig config;

  public EvidenceStage(EvidenceConfig config) {
    this.config = config;
  }

  /** Adds the stage and returns evidence and ticks for the scope stage. */
  public KStream<String, ScopedEvent> addTo(
      StreamsBuilder builder,
      KStream<String, MetricSample> metrics,
      KStream<String, LogEvent> logs,
      KStream<String, Span> spans,
      KStream<String, Alert> alerts) {
    // an open window is read and written back for every signal of its entity: kept as an object
    // until the task commits, it is serialised once per commit instead
    builder.addStateStore(
        ObjectCachingStore.builder(
            Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(WINDOWS_STORE),
                Serdes.String(),
                EntityWindowCodec.serde())));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(BASELINES_STORE), Serdes.String(), Baseline.serde()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(TEMPLATES_STORE), Serdes.String(), TemplateMiner.serde()));
    KStream<String, Signal> signals = SignalStreams.merge("evidence", metrics, logs, spans);
    KStream<String, ScopedEvent> scored =
        signals
            .process(
                () -> new WindowJoinProcessor(config),
                Named.as("evidence-window-join"),
                WINDOWS_STORE,
                TEMPLATES_STORE)
            .process(
                () -> new AnomalyProcessor(config), Named.as("evidence-score"), BASELINES_STORE);
    KStream<String, ScopedEvent> fromAlerts =
        alerts
            .filter(
                (k, a) -> a != null && a.status() == Alert.Status.FIRING,
                Named.as("evidence-firing"))
            .mapValues(EvidenceStage::alertEvidence, Named.as("evidence-from-alerts"));
    KStream<String, ScopedEvent> alertStates =
        alerts
            .filter((k, a) -> a != null, Named.as("evidence-alerts-known"))
            .mapValues(EvidenceStage::alertState, Named.as("evidence-alert-states"));
    KStream<String, ScopedEvent> all =
        scored
            .merge(fromAlerts, Named.as("evidence-merge-alerts"))
            .merge(alertStates, Named.as("evidence-merge-alert-states"))
            .merge(errorOrigins(builder, logs, spans), Named.as("evidence-merge-error-origins"));
    all.filter((k, e) -> e instanceof ScopedEvent.EvidenceEvent, Named.as("evidence-only"))
        .mapValues(e -> ((ScopedEvent.EvidenceEvent) e).evidence(), Named.as("evidence-unwrap"))
        .to(
            Topics.EVIDENCE.name(),
            Produced.with(Topics.EVIDENCE.keySerde(), Topics.EVIDENCE.valueSerde())
                .withName("evidence-sink"));
    return all;
  }

  private KStream<String, ScopedEvent> errorOrigins(
      StreamsBuilder builder, KStream<String, LogEvent> logs, KStream<String, Span> spans) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(TRACES_STORE),
            Serdes.String(),
            JsonSerde.of(ErrorOriginProcessor.Trace.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(TRACE_PARTS_STORE),
            Serdes.String(),
            JsonSerde.of(TracePart.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(SPAN_LOG_PROFILES_STORE),
            Serdes.String(),
            JsonSerde.of(SpanLogProfiles.Profile.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ERROR_MINUTES_STORE),
            Serdes.String(),
            JsonSerde.of(ErrorOriginProcessor.Minute.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ERROR_BASELINES_STORE),
            Serdes.String(),
            JsonSerde.of(ErrorOriginProcessor.Rate.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(EDGE_MINUTES_STORE),
            Serdes.String(),
            JsonSerde.of(EdgeTimes.EdgeMinute.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(EDGE_BASELINES_STORE), Serdes.String(), Baseline.serde()));
    KStream<String, TracePart> fromSpans =
        spans
            .filter(
                (k, s) -> s != null && s.traceId() != null && s.spanId() != null,
                Named.as("evidence-traced-spans"))
            .mapValues(TracePart::of, Named.as("evidence-span-parts"));
    KStream<String, TracePart> fromLogs =
        logs.filter((k, l) -> l != null && l.traceId() != null, Named.as("evidence-traced-logs"))
            .mapValues(TracePart::of, Named.as("evidence-log-parts"));
    return fromSpans
        .merge(fromLogs, Named.as("evidence-merge-trace-parts"))
        .selectKey((k, p) -> p.traceId(), Named.as("evidence-key-by-trace"))
        .repartition(
            Repartitioned.<String, TracePart>as("evidence-trace-parts-by-trace-v2")
                .withKeySerde(Serdes.String())
                .withValueSerde(JsonSerde.of(TracePart.class)))
        .process(
            () -> new ErrorOriginProcessor(config),
            Named.as("evidence-error-origin"),
            TRACES_STORE,
            TRACE_PARTS_STORE,
            SPAN_LOG_PROFILES_STORE,
            ERROR_MINUTES_STORE,
            ERROR_BASELINES_STORE,
            EDGE_MINUTES_STORE,
            EDGE_BASELINES_STORE);
  }

  /**
   * What an alert says about how long it fires: until its {@code endsAt} when it names one (a
   * resolved alert's is when it ended), without end while it fires with none (Alertmanager sends
   * firing alerts so).
   */
  static ScopedEvent alertState(Alert a) {
    long until;
    if (a.status() == Alert.Status.RESOLVED || a.endsAt() > 0) {
      until = Math.max(a.endsAt(), a.time());
    } else {
      until = Long.MAX_VALUE;
    }
    return new ScopedEvent.AlertState(
        a.resource().primary().key(), a.name(), a.time(), until, a.resource().scope());
  }

  static ScopedEvent alertEvidence(Alert a) {
    double score =
        switch (a.severity()) {
          case CRITICAL -> 40;
          case ERROR -> 20;
          case WARNING -> 12;
          case INFO -> 3;
        };
    return new ScopedEvent.EvidenceEvent(
        new Evidence(
            a.resource(),
            SignalType.ALERT,
            EvidenceFamily.ALERT,
            a.name(),
            score,
            1,
            0,
            Evidence.Direction.NEW,
            a.time(),
            a.time(),
            "alert " + a.name() + " (" + a.severity().name().toLowerCase(Locale.ROOT) + ")",
            a.severity(),
            links(a),
            null));
  }

  /** Annotations whose links are not worth a click in chat. */
  private static final Set<String> NOT_LINKS = Set.of("silenceURL", "imageURL");

  /**
   * The alert's links (runbook, generator, dashboard and other annotations that are URLs), at most
   * three, labelled by their annotation: the message a person reads should take them to them.
   */
  static List<Evidence.Link> links(Alert a) {
    List<Evidence.Link> out = new ArrayList<>();
    for (var e : new TreeMap<>(a.annotations()).entrySet()) {
      String v = e.getValue() == null ? "" : e.getValue().strip();
      if (out.size() < 3
          && !NOT_LINKS.contains(e.getKey())
          && (v.startsWith("https://") || v.startsWith("http://"))
          && v.indexOf(' ') < 0) {
        out.add(new Evidence.Link(e.getKey(), v, null));
      }
    }
    return out;
  }
}
