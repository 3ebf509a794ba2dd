package dev.culprit.ingest.format;

/** The three OTLP export requests, with the OpenTelemetry Collector Kafka exporter's topics. */
public enum OtlpSignal {
  /** {@code ExportTraceServiceRequest}, topic {@code otlp_spans}. */
  TRACES("otlp_spans"),
  /** {@code ExportMetricsServiceRequest}, topic {@code otlp_metrics}. */
  METRICS("otlp_metrics"),
  /** {@code ExportLogsServiceRequest}, topic {@code otlp_logs}. */
  LOGS("otlp_logs");

  private final String defaultTopic;

  OtlpSignal(String defaultTopic) {
    this.defaultTopic = defaultTopic;
  }

  /** The Collector Kafka exporter's default topic for this signal. */
  public String defaultTopic() {
    return defaultTopic;
  }
}
