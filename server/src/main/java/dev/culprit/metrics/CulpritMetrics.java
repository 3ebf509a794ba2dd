package dev.culprit.metrics;

import dev.culprit.http.ReceiverObserver;
import dev.culprit.notify.NotifyObserver;
import dev.culprit.notify.TargetKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Culprit's metrics, in Prometheus' text format through Micrometer: JVM basics (memory, GC,
 * threads, classes, cpu, uptime), the Kafka Streams client's metrics ({@code kafka_stream_*}), and
 * Culprit's own counters, named as Prometheus asks (base units, {@code _total}; Kafka's metrics in
 * nanoseconds or milliseconds are left out, as their names cannot say seconds):
 *
 * <ul>
 *   <li>{@code culprit_http_requests_total{route,status}}: every answer of the HTTP server
 *   <li>{@code culprit_grpc_requests_total{route,status}}: every answer of the OTLP/gRPC receiver,
 *       by full method name and gRPC status code ({@code OK}, {@code INVALID_ARGUMENT}, ...)
 *   <li>{@code culprit_dead_letters_total{route,reason}}: items of accepted payloads that go to
 *       {@code culprit.dlq}, by a bounded reason ({@code no_value}, {@code not_a_number}, {@code
 *       infinite}, {@code other})
 *   <li>{@code culprit_incidents_opened_total}: incidents the notifier saw opened
 *   <li>{@code culprit_notifications_total{destination,outcome}}: delivery attempts by destination
 *       kind and outcome ({@code delivered}, {@code retried}, {@code gave_up})
 * </ul>
 */
public final class CulpritMetrics implements ReceiverObserver, NotifyObserver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CulpritMetrics.class);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> binders = new ArrayList<>();
  private final Counter opened;

  /** A registry with the JVM metrics bound. */
  public CulpritMetrics() {
    registry.config().meterFilter(MeterFilter.deny(CulpritMetrics::abbreviatedUnit));
    registry.config().meterFilter(prometheusNames());
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    binders.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    opened =
        Counter.builder("culprit.incidents.opened")
            .description("Incidents the notifier saw opened")
            .register(registry);
  }

  /** Adds the metrics of a Kafka Streams client; they go when it is closed or this is. */
  public void bind(KafkaStreams streams) {
    KafkaStreamsMetrics m = new KafkaStreamsMetrics(streams);
    m.bindTo(registry);
    binders.add(m);
  }

  /**
   * Whether a metric names its unit abbreviated (Kafka's {@code io-time-ns-total} and {@code
   * start-time-ms}, a process cpu time in {@code ns}): Prometheus asks for base units, and a filter
   * can rename a meter but not scale its values, so these are left out.
   */
  static boolean abbreviatedUnit(Meter.Id id) {
    String n = id.getName();
    return n.contains(".ns.")
        || n.endsWith(".ns")
        || n.endsWith(".ms")
        || "ns".equals(id.getBaseUnit())
        || "ms".equals(id.getBaseUnit());
  }

  /**
   * Names as Prometheus asks: a gauge is not named {@code _count}, the suffix of a histogram's or
   * summary's count ({@code kafka.consumer.connection.count} becomes {@code
   * kafka.consumer.connections}, {@code system.cpu.count} {@code system.cpus}, any other {@code
   * x.count} {@code x.current}), and every metric has help text.
   */
  private static MeterFilter prometheusNames() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        String name = id.getType() == Meter.Type.GAUGE ? gaugeName(id.getName()) : id.getName();
        String help = id.getDescription();
        if (name.equals(id.getName()) && help != null && !help.isBlank()) {
          return id;
        }
        if (help == null || help.isBlank()) {
          help = "Metric " + id.getName();
        }
        return new Meter.Id(name, Tags.of(id.getTags()), id.getBaseUnit(), help, id.getType());
      }
    };
  }

  static String gaugeName(String name) {
    if (name.endsWith(".connection.count")) {
      return name.substring(0, name.length() - ".connection.count".length()) + ".connections";
    }
    if (name.endsWith(".cpu.count")) {
      return name.substring(0, name.length() - ".cpu.count".length()) + ".cpus";
    }
    if (name.endsWith(".count")) {
      return name.substring(0, name.length() - ".count".length()) + ".current";
    }
    return name;
  }

  /** Every metric in Prometheus' text exposition format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void answered(String route, int status) {
    Counter.builder("culprit.http.requests")
        .description("HTTP requests answered, by route and status")
        .tag("route", route)
        .tag("status", String.valueOf(status))
        .register(registry)
        .increment();
  }

  @Override
  public void answeredGrpc(String method, String status) {
    Counter.builder("culprit.grpc.requests")
        .description("OTLP/gRPC calls answered, by method and gRPC status")
        .tag("route", method)
        .tag("status", status)
        .register(registry)
        .increment();
  }

  @Override
  public void deadLettered(String route, List<String> reasons) {
    for (String reason : reasons) {
      Counter.builder("culprit.dead.letters")
          .description("Items of accepted payloads sent to culprit.dlq, by route and reason")
          .tag("route", route)
          .tag("reason", reasonClass(reason))
          .register(registry)
          .increment();
    }
  }

  /** A bounded name for a reason text, which names metrics and points and so is unbounded. */
  static String reasonClass(String reason) {
    String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (r.contains("without a value")) {
      return "no_value";
    }
    if (r.contains("value is nan")) {
      return "not_a_number";
    }
    if (r.contains("infinity")) {
      return "infinite";
    }
    return "other";
  }

  @Override
  public void incidentOpened() {
    opened.increment();
  }

  @Override
  public void notification(TargetKind kind, Outcome outcome) {
    Counter.builder("culprit.notifications")
        .description("Notification delivery attempts, by destination kind and outcome")
        .tag("destination", kind.name().toLowerCase(Locale.ROOT))
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void close() {
    for (AutoCloseable b : binders) {
      try {
        b.close();
      } catch (Exception e) {
        LOG.warn("Cannot unbind metrics {}: {}", b.getClass().getSimpleName(), e.toString());
      }
    }
    registry.close();
  }
}
