package dev.culprit.ingest.format;

import static dev.culprit.ingest.format.AlertmanagerFormatTest.parsed;
import static dev.culprit.ingest.format.AlertmanagerFormatTest.rejection;
import static dev.culprit.ingest.format.AlertmanagerFormatTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricClass;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpFormatTest {
  static final long MS = 1_714_557_600_123L;
  static final Resource CART = new Resource("cartservice", "cart-5f7d-x2", "node-2");
  static final Resource CHECKOUT = new Resource("checkout", "vm-7", "vm-7");

  static final List<Signal> SPANS =
      List.of(
          new Span(
              CART,
              MS,
              OtlpFixtures.TRACE_ID,
              "eee19b7ec3c1b174",
              null,
              "GET /cart",
              2500,
              Span.SpanKind.SERVER,
              true,
              null),
          new Span(
              CART,
              MS + 1,
              OtlpFixtures.TRACE_ID,
              "0102030405060708",
              "eee19b7ec3c1b174",
              "redis GET",
              400,
              Span.SpanKind.CLIENT,
              false,
              "redis-cart"));

  static final List<Signal> SAMPLES =
      List.of(
          new MetricSample(CHECKOUT, MS, "process.cpu.utilization", 0.75, MetricClass.RESOURCE),
          new MetricSample(CHECKOUT, MS, "http.server.requests", 1200, MetricClass.THROUGHPUT),
          new MetricSample(CHECKOUT, MS, "http.server.duration.avg", 0.125, MetricClass.LATENCY));

  static final List<Signal> EVENTS =
      List.of(
          new LogEvent(
              CART, MS, "ERROR", "connection refused", OtlpFixtures.TRACE_ID, "eee19b7ec3c1b174"),
          new LogEvent(CART, MS + 5, "WARN", "42", null, null));

  @Test
  void protobufTraces() {
    byte[] bytes = OtlpFixtures.traces().toByteArray();
    assertThat(parsed(new OtlpProtoFormat(OtlpSignal.TRACES).parse(bytes, null))).isEqualTo(SPANS);
  }

  @Test
  void jsonTracesWithHexIds() {
    assertThat(
            parsed(
                new OtlpJsonFormat(OtlpSignal.TRACES)
                    .parse(utf8(OtlpFixtures.TRACES_JSON), "application/json")))
        .isEqualTo(SPANS);
  }

  @Test
  void protobufAndJsonMetrics() {
    assertThat(
            parsed(
                new OtlpProtoFormat(OtlpSignal.METRICS)
                    .parse(OtlpFixtures.metrics().toByteArray(), null)))
        .isEqualTo(SAMPLES);
    assertThat(
            parsed(
                new OtlpJsonFormat(OtlpSignal.METRICS)
                    .parse(utf8(OtlpFixtures.METRICS_JSON), null)))
        .isEqualTo(SAMPLES);
  }

  @Test
  void protobufAndJsonLogs() {
    assertThat(
            parsed(
                new OtlpProtoFormat(OtlpSignal.LOGS)
                    .parse(OtlpFixtures.logs().toByteArray(), null)))
        .isEqualTo(EVENTS);
    assertThat(
            parsed(new OtlpJsonFormat(OtlpSignal.LOGS).parse(utf8(OtlpFixtures.LOGS_JSON), null)))
        .isEqualTo(EVENTS);
  }

  @Test
  void bodiesAreParsedForWhatTheRecordLeavesUnset() {
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String json =
        """
        {"resourceLogs":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"cartservice"}},
            {"key":"k8s.pod.name","value":{"stringValue":"cart-5f7d-x2"}},
            {"key":"k8s.node.name","value":{"stringValue":"node-2"}}]},
          "scopeLogs":[{"logRecords":[
            {"timeUnixNano":"1714557600123456789",
             "body":{"stringValue":"{\\"level\\":\\"warn\\",\\"msg\\":\\"slow\\",\\"trace_id\\":\\"%1$s\\"}"}},
            {"timeUnixNano":"1714557600123456789","severityText":"INFO",
             "body":{"stringValue":"level=error msg=boom span_id=00f067aa0ba902b7"}},
            {"timeUnixNano":"1714557600123456789","severityText":"Error","traceId":"%1$s",
             "body":{"kvlistValue":{"values":[
               {"key":"message","value":{"stringValue":"kv body"}},
               {"key":"caller","value":{"stringValue":"cart/store.go:41"}},
               {"key":"trace_id","value":{"stringValue":"11111111111111111111111111111111"}}]}}}
          ]}]}]}
        """
            .formatted(trace);

    assertThat(parsed(new OtlpJsonFormat(OtlpSignal.LOGS).parse(utf8(json), null)))
        .containsExactly(
            new LogEvent(CART, MS, "WARN", "slow", trace, null),
            new LogEvent(CART, MS, "INFO", "boom", null, "00f067aa0ba902b7"),
            new LogEvent(CART, MS, "ERROR", "cart/store.go:41 kv body", trace, null));
  }

  @Test
  void hexIdsBecomeBase64BeforeProtobufJsonParsing() throws Exception {
    var tree =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            dev.culprit.model.Json.mapper()
                .readTree("{\"a\":[{\"traceId\":\"00ff\",\"spanId\":\"xyz\",\"name\":\"00ff\"}]}");

    OtlpJsonFormat.hexIdsToBase64(tree);

    assertThat(tree.toString())
        .isEqualTo("{\"a\":[{\"traceId\":\"AP8=\",\"spanId\":\"xyz\",\"name\":\"00ff\"}]}");
  }

  @Test
  void rejectsWrongShapes() {
    var json = new OtlpJsonFormat(OtlpSignal.TRACES);
    assertThat(rejection(json.parse(utf8("[]"), null)))
        .isEqualTo("OTLP JSON payload is not a JSON object");
    assertThat(rejection(json.parse(utf8("{\"resourceSpans\":{}}"), null)))
        .startsWith("not OTLP JSON: ");
    assertThat(
            rejection(
                json.parse(
                    utf8(
                        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz!\"}]}]}]}"),
                    null)))
        .startsWith("not OTLP JSON: ");
    assertThat(
            rejection(
                json.parse(
                    utf8("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"x\"}]}]}]}"),
                    null)))
        .isEqualTo("resourceSpans[0].scopeSpans[0].spans[0] has no traceId");
    assertThat(
            rejection(
                new OtlpProtoFormat(OtlpSignal.LOGS).parse(new byte[] {0x0a, 0x7f, 0x01}, null)))
        .startsWith("not OTLP protobuf: ");
  }
}
