package dev.culprit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.metrics.CulpritMetrics;
import dev.culprit.run.LivePipeline;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OTLP/gRPC receiver on loopback, called by the generated OTLP clients: exports of each signal
 * reach the sink as their protobuf bytes on the OTLP/HTTP route's topic; a request past the limit
 * is {@code RESOURCE_EXHAUSTED}, one without the token {@code UNAUTHENTICATED}, a malformed one
 * {@code INVALID_ARGUMENT}; gzip-compressed calls are read.
 */
class OtlpGrpcServerTest {
  private static final long T = 1_700_000_000_000_000_000L;
  private static final int LIMIT = 64 * 1024;

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private record Written(String topic, byte[] payload, Map<String, String> headers) {}

  private final List<Written> written = new CopyOnWriteArrayList<>();
  private final RawSink sink =
      (topic, payload, headers) -> {
        written.add(new Written(topic, payload, headers));
        return CompletableFuture.completedFuture(null);
      };
  private OtlpGrpcServer server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void tracesMetricsAndLogsReachTheirRawTopicsAsSent() throws Exception {
    start(null);
    ExportTraceServiceRequest traces = traces("0af7651916cd43dd8448eb211c80319c");
    ExportMetricsServiceRequest metrics = metrics(0.5, 0.7);
    ExportLogsServiceRequest logs = logs("payment declined");

    ExportTraceServiceResponse t = TraceServiceGrpc.newBlockingStub(channel).export(traces);
    ExportMetricsServiceResponse m = MetricsServiceGrpc.newBlockingStub(channel).export(metrics);
    ExportLogsServiceResponse l = LogsServiceGrpc.newBlockingStub(channel).export(logs);

    assertThat(t.hasPartialSuccess()).isFalse();
    assertThat(m.hasPartialSuccess()).isFalse();
    assertThat(l.hasPartialSuccess()).isFalse();
    assertThat(written)
        .extracting(Written::topic)
        .containsExactly("otlp_spans", "otlp_metrics", "otlp_logs");
    assertThat(written.get(0).payload()).isEqualTo(traces.toByteArray());
    assertThat(written.get(1).payload()).isEqualTo(metrics.toByteArray());
    assertThat(written.get(2).payload()).isEqualTo(logs.toByteArray());
    assertThat(written.get(0).headers())
        .containsEntry("content-type", "application/x-protobuf")
        .containsEntry(
            "culprit.received-from",
            "grpc opentelemetry.proto.collector.trace.v1.TraceService/Export");
  }

  @Test
  void pointsLeftOutAreCountedInPartialSuccess() throws Exception {
    start(null);
    ExportMetricsServiceResponse m =
        MetricsServiceGrpc.newBlockingStub(channel).export(metrics(0.5, Double.NaN, 0.7));
    assertThat(m.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(m.getPartialSuccess().getErrorMessage()).contains("NaN");
    assertThat(written).hasSize(1);
  }

  @Test
  void aGzipCompressedExportIsRead() throws Exception {
    start(null);
    ExportMetricsServiceRequest metrics = metrics(0.5, 0.7);
    ExportMetricsServiceResponse m =
        MetricsServiceGrpc.newBlockingStub(channel).withCompression("gzip").export(metrics);
    assertThat(m.hasPartialSuccess()).isFalse();
    assertThat(written)
        .singleElement()
        .satisfies(w -> assertThat(w.payload()).isEqualTo(metrics.toByteArray()));
  }

  @Test
  void anExportPastTheLimitIsResourceExhaustedAsSentAndAsDecompressed() throws Exception {
    start(null);
    ExportLogsServiceRequest large = logs("x".repeat(LIMIT));
    var logs = LogsServiceGrpc.newBlockingStub(channel);
    assertThat(code(() -> logs.export(large))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(code(() -> logs.withCompression("gzip").export(large)))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(written).isEmpty();
  }

  @Test
  void aWriteKafkaWillNeverTakeIsResourceExhaustedAndAFailedOneUnavailable() throws Exception {
    RawSink refusing =
        (topic, payload, headers) ->
            CompletableFuture.failedFuture(
                topic.equals("otlp_logs")
                    ? new RecordTooLargeException("too large")
                    : new TimeoutException("no broker"));
    startWith(null, refusing);
    assertThat(code(() -> LogsServiceGrpc.newBlockingStub(channel).export(logs("a"))))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(code(() -> MetricsServiceGrpc.newBlockingStub(channel).export(metrics(0.5))))
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void withATokenOnlyCallsBearingItAreServed() throws Exception {
    start("s3cret");
    var traces = TraceServiceGrpc.newBlockingStub(channel);
    ExportTraceServiceRequest request = traces("0af7651916cd43dd8448eb211c80319c");

    assertThat(code(() -> traces.export(request))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(code(() -> traces.withInterceptors(bearer("wrong")).export(request)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(written).isEmpty();
    assertThat(traces.withInterceptors(bearer("s3cret")).export(request).hasPartialSuccess())
        .isFalse();
    assertThat(written).hasSize(1);
  }

  @Test
  void garbageAndInvalidExportsAreInvalidArgumentWithTheReason() throws Exception {
    start(null);
    MethodDescriptor<byte[], byte[]> rawTraces =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    byte[] garbage = "not protobuf at all".getBytes(StandardCharsets.UTF_8);

    StatusRuntimeException notProto =
        failure(
            () -> ClientCalls.blockingUnaryCall(channel, rawTraces, CallOptions.DEFAULT, garbage));
    StatusRuntimeException noTraceId =
        failure(() -> TraceServiceGrpc.newBlockingStub(channel).export(traces("")));

    assertThat(notProto.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(notProto.getStatus().getDescription()).contains("not OTLP protobuf");
    assertThat(noTraceId.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(noTraceId.getStatus().getDescription()).contains("traceId");
    assertThat(written).isEmpty();
  }

  @Test
  void everyAnsweredCallIsInTheMetricsByMethodAndGrpcStatus() throws Exception {
    try (CulpritMetrics metrics = new CulpritMetrics()) {
      startWith("s3cret", sink, metrics);
      var traces = TraceServiceGrpc.newBlockingStub(channel);
      var bearing = traces.withInterceptors(bearer("s3cret"));
      bearing.export(traces("0af7651916cd43dd8448eb211c80319c"));
      bearing.export(traces("0af7651916cd43dd8448eb211c80319d"));
      assertThat(code(() -> bearing.export(traces("")))).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(code(() -> traces.export(traces("0af7651916cd43dd8448eb211c80319c"))))
          .isEqualTo(Status.Code.UNAUTHENTICATED);
      LogsServiceGrpc.newBlockingStub(channel)
          .withInterceptors(bearer("s3cret"))
          .export(logs("payment declined"));

      String trace = "route=\"opentelemetry.proto.collector.trace.v1.TraceService/Export\"";
      assertThat(metrics.scrape())
          .contains("# TYPE culprit_grpc_requests_total counter")
          .contains("culprit_grpc_requests_total{" + trace + ",status=\"OK\"} 2.0")
          .contains("culprit_grpc_requests_total{" + trace + ",status=\"INVALID_ARGUMENT\"} 1.0")
          .contains("culprit_grpc_requests_total{" + trace + ",status=\"UNAUTHENTICATED\"} 1.0")
          .contains(
              "culprit_grpc_requests_total{route=\"opentelemetry.proto.collector.logs.v1"
                  + ".LogsService/Export\",status=\"OK\"} 1.0");
    }
  }

  @Test
  void aTakenPortIsAPortInUseExceptionNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      OtlpGrpcServer.Config config =
          new OtlpGrpcServer.Config(
              taken.getLocalPort(), "127.0.0.1", null, LIMIT, Duration.ofSeconds(5), 8);
      assertThatThrownBy(
              () ->
                  OtlpGrpcServer.start(
                      config,
                      LivePipeline.otlpGrpcServices(EntityMapping.defaults()),
                      sink,
                      ReceiverObserver.NONE))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("OTLP/gRPC port 127.0.0.1:" + taken.getLocalPort() + " is already in use");
    }
  }

  private void start(String token) throws Exception {
    startWith(token, sink);
  }

  private void startWith(String token, RawSink to) throws Exception {
    startWith(token, to, ReceiverObserver.NONE);
  }

  private void startWith(String token, RawSink to, ReceiverObserver observer) throws Exception {
    server =
        OtlpGrpcServer.start(
            new OtlpGrpcServer.Config(0, null, token, LIMIT, Duration.ofSeconds(5), 8),
            LivePipeline.otlpGrpcServices(EntityMapping.defaults()),
            to,
            observer);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  private static ClientInterceptor bearer(String token) {
    Metadata m = new Metadata();
    m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(m);
  }

  private static Status.Code code(Runnable call) {
    return failure(call).getStatus().getCode();
  }

  private static StatusRuntimeException failure(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  private static KeyValue service(String name) {
    return KeyValue.newBuilder()
        .setKey("service.name")
        .setValue(AnyValue.newBuilder().setStringValue(name))
        .build();
  }

  private static ExportTraceServiceRequest traces(String traceIdHex) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(service("checkout")))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(
                            Span.newBuilder()
                                .setTraceId(ByteString.fromHex(traceIdHex))
                                .setSpanId(ByteString.fromHex("b7ad6b7169203331"))
                                .setName("GET /cart")
                                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                .setStartTimeUnixNano(T)
                                .setEndTimeUnixNano(T + 2_000_000))))
        .build();
  }

  private static ExportMetricsServiceRequest metrics(double... values) {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < values.length; i++) {
      gauge.addDataPoints(
          NumberDataPoint.newBuilder()
              .setTimeUnixNano(T + i * 1_000_000_000L)
              .setAsDouble(values[i]));
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(service("cart")))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("cpu").setGauge(gauge))))
        .build();
  }

  private static ExportLogsServiceRequest logs(String body) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(service("payment")))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .addLogRecords(
                            LogRecord.newBuilder()
                                .setTimeUnixNano(T)
                                .setSeverityText("ERROR")
                                .setBody(AnyValue.newBuilder().setStringValue(body)))))
        .build();
  }
}
