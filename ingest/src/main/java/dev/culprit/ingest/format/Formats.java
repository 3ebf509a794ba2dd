package dev.culprit.ingest.format;

import dev.culprit.model.SignalType;
import java.util.List;
import java.util.Map;

/**
 * The wire format of each raw topic: {@code alertmanager.raw} (Alertmanager/Grafana webhook),
 * {@code zipkin.raw} (Zipkin v2 JSON), and the Collector Kafka exporter's {@code otlp_spans},
 * {@code otlp_metrics} and {@code otlp_logs} (OTLP JSON or protobuf).
 *
 * <p>OTLP chooses JSON or protobuf per payload: by content type ({@code application/json} or {@code
 * application/x-protobuf}) when there is one, else by sniffing the first byte that is not JSON
 * whitespace (an opening brace or bracket means JSON). A protobuf request starts with the byte
 * 0x0A, which is also a newline, and its length byte may read as an opening brace; so a sniffed
 * payload starting with 0x0A that JSON rejects is tried as protobuf before it is rejected.
 */
public final class Formats {
  public static final String ALERTMANAGER_TOPIC = "alertmanager.raw";
  public static final String ZIPKIN_TOPIC = "zipkin.raw";

  private static final Map<String, WireFormat> BY_TOPIC =
      Map.of(
          ALERTMANAGER_TOPIC,
          new AlertmanagerFormat(),
          ZIPKIN_TOPIC,
          new ZipkinFormat(),
          OtlpSignal.TRACES.defaultTopic(),
          otlp(OtlpSignal.TRACES),
          OtlpSignal.METRICS.defaultTopic(),
          otlp(OtlpSignal.METRICS),
          OtlpSignal.LOGS.defaultTopic(),
          otlp(OtlpSignal.LOGS));

  private Formats() {}

  /** The topics with a known format, sorted. */
  public static List<String> topics() {
    return BY_TOPIC.keySet().stream().sorted().toList();
  }

  /**
   * The format of a raw topic.
   *
   * @throws IllegalArgumentException for a topic with no known format
   */
  public static WireFormat forTopic(String topic) {
    WireFormat format = topic == null ? null : BY_TOPIC.get(topic);
    if (format == null) {
      throw new IllegalArgumentException(
          "Invalid topic: " + topic + ", expected one of " + topics());
    }
    return format;
  }

  /**
   * The format of a raw topic, with Alertmanager labels mapped to entities by {@code mapping}.
   *
   * @throws IllegalArgumentException for a topic with no known format
   */
  public static WireFormat forTopic(String topic, EntityMapping mapping) {
    if (ALERTMANAGER_TOPIC.equals(topic)) {
      return new AlertmanagerFormat(mapping);
    }
    return forTopic(topic);
  }

  /**
   * The type of the signals a raw topic carries: alerts on {@code alertmanager.raw}, traces on
   * {@code zipkin.raw} and {@code otlp_spans}, metrics on {@code otlp_metrics}, logs on {@code
   * otlp_logs}.
   *
   * @throws IllegalArgumentException for a topic with no known format
   */
  public static SignalType signalType(String topic) {
    forTopic(topic);
    if (topic.equals(ALERTMANAGER_TOPIC)) {
      return SignalType.ALERT;
    }
    if (topic.equals(OtlpSignal.METRICS.defaultTopic())) {
      return SignalType.METRIC;
    }
    return topic.equals(OtlpSignal.LOGS.defaultTopic()) ? SignalType.LOG : SignalType.TRACE;
  }

  /** OTLP for one signal, choosing JSON or protobuf per payload. */
  public static WireFormat otlp(OtlpSignal signal) {
    return new Negotiated(
        "otlp/" + signal.name().toLowerCase(java.util.Locale.ROOT),
        new OtlpJsonFormat(signal),
        new OtlpProtoFormat(signal));
  }

  /** Chooses between a JSON and a protobuf parser by content type or first byte. */
  record Negotiated(String name, WireFormat json, WireFormat proto) implements WireFormat {

    @Override
    public ParseResult parse(byte[] payload, String contentType) {
      if (ContentTypes.isJson(contentType)) {
        return json.parse(payload, contentType);
      }
      if (ContentTypes.isProtobuf(contentType) || !ContentTypes.looksLikeJson(payload)) {
        return proto.parse(payload, contentType);
      }
      ParseResult result = json.parse(payload, contentType);
      if (result instanceof ParseResult.Rejected && payload[0] == '\n') {
        ParseResult asProto = proto.parse(payload, contentType);
        return asProto instanceof ParseResult.Parsed ? asProto : result;
      }
      return result;
    }
  }
}
