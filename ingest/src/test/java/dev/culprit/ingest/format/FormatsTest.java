package dev.culprit.ingest.format;

import static dev.culprit.ingest.format.AlertmanagerFormatTest.parsed;
import static dev.culprit.ingest.format.AlertmanagerFormatTest.rejection;
import static dev.culprit.ingest.format.AlertmanagerFormatTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void knowsTheRawTopics() {
    assertThat(Formats.topics())
        .containsExactly(
            "alertmanager.raw", "otlp_logs", "otlp_metrics", "otlp_spans", "zipkin.raw");
    assertThat(Formats.forTopic("alertmanager.raw")).isInstanceOf(AlertmanagerFormat.class);
    assertThat(Formats.forTopic("zipkin.raw")).isInstanceOf(ZipkinFormat.class);
    assertThat(Formats.forTopic("otlp_spans").name()).isEqualTo("otlp/traces");
    assertThatThrownBy(() -> Formats.forTopic("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid topic: nope");
  }

  @Test
  void choosesJsonOrProtobufByContentTypeOrFirstByte() {
    WireFormat spans = Formats.forTopic("otlp_spans");
    byte[] proto = OtlpFixtures.traces().toByteArray();
    byte[] json = utf8("\n  " + OtlpFixtures.TRACES_JSON);

    assertThat(parsed(spans.parse(proto, "application/x-protobuf")))
        .isEqualTo(OtlpFormatTest.SPANS);
    assertThat(parsed(spans.parse(proto, null))).isEqualTo(OtlpFormatTest.SPANS);
    assertThat(parsed(spans.parse(json, "application/json; charset=utf-8")))
        .isEqualTo(OtlpFormatTest.SPANS);
    assertThat(parsed(spans.parse(json, null))).isEqualTo(OtlpFormatTest.SPANS);
    assertThat(rejection(spans.parse(json, "application/x-protobuf")))
        .startsWith("not OTLP protobuf: ");
  }

  @Test
  void protobufWhoseLengthByteReadsAsABraceIsStillProtobuf() {
    ExportTraceServiceRequest request = requestWithFirstLength(0x7b);
    byte[] bytes = request.toByteArray();
    assertThat(bytes[0]).isEqualTo((byte) '\n');
    assertThat(bytes[1]).isEqualTo((byte) '{');

    List<Signal> signals = parsed(Formats.forTopic("otlp_spans").parse(bytes, null));

    assertThat(signals).hasSize(1);
    assertThat(((Span) signals.getFirst()).operation()).startsWith("op");
  }

  @Test
  void parsesACollectorBatchOfTenThousandSpans() {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (int r = 0; r < 10; r++) {
      ScopeSpans.Builder scope = ScopeSpans.newBuilder();
      for (int i = 0; i < 1000; i++) {
        scope.addSpans(span(r * 1000 + i));
      }
      request.addResourceSpans(
          ResourceSpans.newBuilder()
              .setResource(OtlpFixtures.podResource("svc-" + r % 5, "pod-" + r, "node-" + r % 3))
              .addScopeSpans(scope));
    }
    byte[] bytes = request.build().toByteArray();

    List<Signal> signals = parsed(Formats.forTopic("otlp_spans").parse(bytes, null));

    assertThat(signals).hasSize(10_000).allMatch(s -> s instanceof Span);
    Map<Resource, Integer> perResource = new HashMap<>();
    signals.forEach(s -> perResource.merge(s.resource(), 1, Integer::sum));
    assertThat(perResource).hasSize(10).containsValues(1000).doesNotContainValue(999);
    assertThat(perResource).containsEntry(new Resource("svc-2", "pod-7", "node-1"), 1000);
    assertThat(signals.get(9_999).resource()).isEqualTo(new Resource("svc-4", "pod-9", "node-0"));
    assertThat(((Span) signals.get(1234)).spanId()).isEqualTo(String.format("%016x", 1235));
  }

  private static io.opentelemetry.proto.trace.v1.Span span(int i) {
    return io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setTraceId(OtlpFixtures.id(String.format("%032x", i / 10 + 1)))
        .setSpanId(OtlpFixtures.id(String.format("%016x", i + 1)))
        .setName("op-" + i % 7)
        .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(OtlpFixtures.T0 + i * 1_000_000L)
        .setEndTimeUnixNano(OtlpFixtures.T0 + i * 1_000_000L + 500_000)
        .build();
  }

  /** A one-span request whose first resourceSpans field has the given encoded length. */
  private static ExportTraceServiceRequest requestWithFirstLength(int length) {
    StringBuilder name = new StringBuilder("op");
    while (true) {
      ExportTraceServiceRequest request =
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(
                  ResourceSpans.newBuilder()
                      .setResource(OtlpFixtures.hostResource("svc", "h"))
                      .addScopeSpans(ScopeSpans.newBuilder().addSpans(named(name.toString()))))
              .build();
      int size = request.getResourceSpans(0).getSerializedSize();
      if (size == length) {
        return request;
      }
      if (size > length) {
        throw new IllegalStateException("cannot reach length " + length);
      }
      name.append('x');
    }
  }

  private static io.opentelemetry.proto.trace.v1.Span named(String name) {
    return span(0).toBuilder().setName(name).build();
  }

  @Test
  void eachRawTopicCarriesOneSignalType() {
    assertThat(Formats.topics().stream().map(Formats::signalType).toList())
        .containsExactly(
            dev.culprit.model.SignalType.ALERT,
            dev.culprit.model.SignalType.LOG,
            dev.culprit.model.SignalType.METRIC,
            dev.culprit.model.SignalType.TRACE,
            dev.culprit.model.SignalType.TRACE);
  }
}
