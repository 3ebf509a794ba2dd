package dev.culprit.ingest.format;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;

/** OTLP requests built with the generated builders, and the same requests as OTLP JSON. */
final class OtlpFixtures {
  static final long T0 = 1_714_557_600_123_456_789L;
  static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";

  private OtlpFixtures() {}

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  static Resource podResource(String service, String pod, String node) {
    return Resource.newBuilder()
        .addAttributes(attr("service.name", service))
        .addAttributes(attr("k8s.pod.name", pod))
        .addAttributes(attr("k8s.node.name", node))
        .build();
  }

  static Resource hostResource(String service, String host) {
    return Resource.newBuilder()
        .addAttributes(attr("service.name", service))
        .addAttributes(attr("host.name", host))
        .build();
  }

  static ExportTraceServiceRequest traces() {
    Span server =
        Span.newBuilder()
            .setTraceId(id(TRACE_ID))
            .setSpanId(id("eee19b7ec3c1b174"))
            .setName("GET /cart")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(T0)
            .setEndTimeUnixNano(T0 + 2_500_000)
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();
    Span client =
        Span.newBuilder()
            .setTraceId(id(TRACE_ID))
            .setSpanId(id("0102030405060708"))
            .setParentSpanId(id("eee19b7ec3c1b174"))
            .setName("redis GET")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(T0 + 1_000_000)
            .setEndTimeUnixNano(T0 + 1_400_000)
            .addAttributes(attr("server.address", "redis-cart"))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(podResource("cartservice", "cart-5f7d-x2", "node-2"))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(server).addSpans(client)))
        .build();
  }

  static final String TRACES_JSON =
      """
      {"resourceSpans":[{"resource":{"attributes":[
          {"key":"service.name","value":{"stringValue":"cartservice"}},
          {"key":"k8s.pod.name","value":{"stringValue":"cart-5f7d-x2"}},
          {"key":"k8s.node.name","value":{"stringValue":"node-2"}}]},
        "scopeSpans":[{"scope":{"name":"io.opentelemetry.http"},"spans":[
          {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"eee19b7ec3c1b174",
           "parentSpanId":"","name":"GET /cart","kind":2,
           "startTimeUnixNano":"1714557600123456789","endTimeUnixNano":"1714557600125956789",
           "status":{"code":2,"message":"boom"},"flags":256},
          {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"0102030405060708",
           "parentSpanId":"eee19b7ec3c1b174","name":"redis GET","kind":"SPAN_KIND_CLIENT",
           "startTimeUnixNano":1714557600124456789,"endTimeUnixNano":"1714557600124856789",
           "attributes":[{"key":"server.address","value":{"stringValue":"redis-cart"}}],
           "links":[{"traceId":"00000000000000000000000000000001","spanId":"0000000000000002"}],
           "someFutureField":{"x":1}}]}]}]}
      """;

  static ExportMetricsServiceRequest metrics() {
    NumberDataPoint cpu =
        NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(0.75).build();
    NumberDataPoint requests =
        NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(1200).build();
    HistogramDataPoint latency =
        HistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(4).setSum(0.5).build();
    HistogramDataPoint empty = HistogramDataPoint.newBuilder().setTimeUnixNano(T0).build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(hostResource("checkout", "vm-7"))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(
                            Metric.newBuilder()
                                .setName("process.cpu.utilization")
                                .setGauge(Gauge.newBuilder().addDataPoints(cpu)))
                        .addMetrics(
                            Metric.newBuilder()
                                .setName("http.server.requests")
                                .setSum(
                                    Sum.newBuilder().setIsMonotonic(true).addDataPoints(requests)))
                        .addMetrics(
                            Metric.newBuilder()
                                .setName("http.server.duration")
                                .setHistogram(
                                    Histogram.newBuilder()
                                        .addDataPoints(latency)
                                        .addDataPoints(empty)))))
        .build();
  }

  static final String METRICS_JSON =
      """
      {"resourceMetrics":[{"resource":{"attributes":[
          {"key":"service.name","value":{"stringValue":"checkout"}},
          {"key":"host.name","value":{"stringValue":"vm-7"}}]},
        "scopeMetrics":[{"metrics":[
          {"name":"process.cpu.utilization","unit":"1","gauge":{"dataPoints":[
            {"timeUnixNano":"1714557600123456789","asDouble":0.75}]}},
          {"name":"http.server.requests","sum":{"aggregationTemporality":2,"isMonotonic":true,
            "dataPoints":[{"timeUnixNano":"1714557600123456789","asInt":"1200",
              "attributes":[{"key":"http.route","value":{"stringValue":"/cart"}}]}]}},
          {"name":"http.server.duration","histogram":{"dataPoints":[
            {"timeUnixNano":"1714557600123456789","count":"4","sum":0.5,
             "exemplars":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
               "asDouble":0.2}]},
            {"timeUnixNano":"1714557600123456789"}]}}]}]}]}
      """;

  static ExportLogsServiceRequest logs() {
    LogRecord error =
        LogRecord.newBuilder()
            .setTimeUnixNano(T0)
            .setSeverityText("Error")
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
            .setBody(AnyValue.newBuilder().setStringValue("connection refused"))
            .setTraceId(id(TRACE_ID))
            .setSpanId(id("eee19b7ec3c1b174"))
            .build();
    LogRecord warn =
        LogRecord.newBuilder()
            .setObservedTimeUnixNano(T0 + 5_000_000)
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN2)
            .setBody(AnyValue.newBuilder().setIntValue(42))
            .build();
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(podResource("cartservice", "cart-5f7d-x2", "node-2"))
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(error).addLogRecords(warn)))
        .build();
  }

  static final String LOGS_JSON =
      """
      {"resourceLogs":[{"resource":{"attributes":[
          {"key":"service.name","value":{"stringValue":"cartservice"}},
          {"key":"k8s.pod.name","value":{"stringValue":"cart-5f7d-x2"}},
          {"key":"k8s.node.name","value":{"stringValue":"node-2"}}]},
        "scopeLogs":[{"logRecords":[
          {"timeUnixNano":"1714557600123456789","severityText":"Error","severityNumber":17,
           "body":{"stringValue":"connection refused"},
           "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"},
          {"observedTimeUnixNano":"1714557600128456789","severityNumber":"SEVERITY_NUMBER_WARN2",
           "body":{"intValue":"42"},"traceId":"","spanId":""}]}]}]}
      """;
}
