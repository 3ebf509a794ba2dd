package dev.culprit.http;

import com.google.protobuf.Message;
import dev.culprit.ingest.format.OtlpSignal;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/gRPC receiver (grpc-java on Netty): {@code
 * opentelemetry.proto.collector.{trace,metrics,logs}.v1.{TraceService,MetricsService,LogsService}/Export},
 * what OpenTelemetry SDKs and the Collector's {@code otlp} exporter send by default. Each request
 * is checked and written exactly as the OTLP/HTTP protobuf route writes it: the request bytes as
 * received (after {@code grpc-encoding: gzip} is undone) to the signal's raw topic, with {@code
 * content-type: application/x-protobuf}, answered once the write is acknowledged, with {@code
 * partial_success} counting the items left out (they go to the dead-letter topic). Status codes:
 * {@code INVALID_ARGUMENT} with the reason for a request that is not a valid export, {@code
 * UNAUTHENTICATED} without the configured bearer token in {@code authorization}, {@code
 * RESOURCE_EXHAUSTED} past the message limit (as sent or decompressed) or for a request Kafka will
 * never take, {@code UNAVAILABLE} when a service already serves its most concurrent exports or the
 * write fails in a way a retry may fix.
 */
public final class OtlpGrpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcServer.class);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * A request as sent, unparsed (the validator reads it, and the sink writes these bytes), or why
   * it could not be read: a message that decompresses past the limit is found only while it is
   * read, and is answered with the status the reading failed with.
   *
   * @param bytes the request, or null when it could not be read
   * @param unreadable why it could not be read, or null
   */
  record RawRequest(byte[] bytes, Status unreadable) {}

  /** Reads requests into {@link RawRequest}s, never failing the call itself. */
  static final MethodDescriptor.Marshaller<RawRequest> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(RawRequest value) {
          return new ByteArrayInputStream(value.bytes());
        }

        @Override
        public RawRequest parse(InputStream stream) {
          try {
            return new RawRequest(stream.readAllBytes(), null);
          } catch (StatusRuntimeException e) {
            return new RawRequest(null, e.getStatus());
          } catch (IOException e) {
            return new RawRequest(
                null, Status.INTERNAL.withDescription("cannot read the request: " + e));
          }
        }
      };

  /**
   * Server settings.
   *
   * @param port the port (0 for a free one)
   * @param bindAddress the address to listen on ({@code 127.0.0.1} by default)
   * @param bearerToken the token clients must send as {@code authorization: Bearer ...}, or null
   * @param maxMessageBytes the largest request accepted, as sent and as decompressed
   * @param writeTimeout how long a write may take, start to acknowledgement, before the export
   *     fails
   * @param maxConcurrent how many exports each service serves at once; more are answered {@code
   *     UNAVAILABLE}
   */
  public record Config(
      int port,
      String bindAddress,
      String bearerToken,
      int maxMessageBytes,
      Duration writeTimeout,
      int maxConcurrent) {
    /** The OTLP/gRPC port. */
    public static final int DEFAULT_PORT = 4317;

    public Config {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("Invalid port: " + port);
      }
      if (maxMessageBytes < 1) {
        throw new IllegalArgumentException("Invalid maxMessageBytes: " + maxMessageBytes);
      }
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException("Invalid maxConcurrent: " + maxConcurrent);
      }
      Objects.requireNonNull(writeTimeout, "writeTimeout");
      bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken;
      bindAddress =
          bindAddress == null || bindAddress.isBlank() ? IngestServer.Config.LOOPBACK : bindAddress;
    }

    /** Port {@code port} with the address, token, limits and timeout of the HTTP receivers. */
    public static Config like(int port, IngestServer.Config http) {
      return new Config(
          port,
          http.bindAddress(),
          http.bearerToken(),
          http.maxBodyBytes(),
          http.writeTimeout(),
          http.maxConcurrent());
    }
  }

  /**
   * One export service.
   *
   * @param signal what it receives
   * @param topic the raw topic its requests go to
   * @param validator the check of a request, the OTLP/HTTP route's
   */
  public record Service(OtlpSignal signal, String topic, Route.Validator validator) {
    public Service {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(validator, "validator");
    }

    /** The gRPC service name, say {@code opentelemetry.proto.collector.trace.v1.TraceService}. */
    public String serviceName() {
      return switch (signal) {
        case TRACES -> "opentelemetry.proto.collector.trace.v1.TraceService";
        case METRICS -> "opentelemetry.proto.collector.metrics.v1.MetricsService";
        case LOGS -> "opentelemetry.proto.collector.logs.v1.LogsService";
      };
    }

    /** The full name of its Export method, say {@code ...TraceService/Export}. */
    public String exportMethod() {
      return MethodDescriptor.generateFullMethodName(serviceName(), "Export");
    }

    /** The Export method, its request left as bytes. */
    MethodDescriptor<RawRequest, Message> export() {
      return MethodDescriptor.<RawRequest, Message>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(exportMethod())
          .setRequestMarshaller(RAW)
          .setResponseMarshaller(ProtoUtils.marshaller(OtlpReplies.response(signal, List.of())))
          .build();
    }
  }

  private final Config config;
  private final RawSink sink;
  private final ReceiverObserver observer;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Server server;

  private OtlpGrpcServer(
      Config config, List<Service> services, RawSink sink, ReceiverObserver observer) {
    this.config = config;
    this.sink = sink;
    this.observer = observer;
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(config.bindAddress(), config.port()))
            .executor(executor)
            .maxInboundMessageSize(config.maxMessageBytes());
    ServerInterceptor auth = new BearerCheck(config.bearerToken());
    ServerInterceptor counting = new Counting(observer);
    for (Service s : services) {
      builder.addService(ServerInterceptors.intercept(definition(s), auth, counting));
    }
    this.server = builder.build();
  }

  /**
   * Starts the receiver with {@code services}, writing through {@code sink} and reporting items
   * left out of accepted exports to {@code observer}.
   *
   * @throws PortInUseException when the address is taken
   */
  public static OtlpGrpcServer start(
      Config config, List<Service> services, RawSink sink, ReceiverObserver observer)
      throws IOException {
    OtlpGrpcServer s =
        new OtlpGrpcServer(config, services, sink, Objects.requireNonNull(observer, "observer"));
    try {
      s.server.start();
    } catch (IOException e) {
      s.close();
      if (PortInUseException.isBindFailure(e)) {
        throw new PortInUseException("OTLP/gRPC", config.bindAddress(), config.port(), e);
      }
      throw new IOException("cannot start the OTLP/gRPC server: " + e.getMessage(), e);
    }
    LOG.info("OTLP/gRPC receiver listening on {}:{}", config.bindAddress(), s.port());
    return s;
  }

  /** The port listened on. */
  public int port() {
    return server.getPort();
  }

  private ServerServiceDefinition definition(Service s) {
    Semaphore permits = new Semaphore(config.maxConcurrent());
    return ServerServiceDefinition.builder(s.serviceName())
        .addMethod(
            s.export(),
            ServerCalls.asyncUnaryCall(
                (request, response) -> {
                  if (!permits.tryAcquire()) {
                    fail(response, Status.UNAVAILABLE, "too many concurrent exports; retry");
                    return;
                  }
                  try {
                    export(s, request, response);
                  } finally {
                    permits.release();
                  }
                }))
        .build();
  }

  private void export(Service s, RawRequest raw, StreamObserver<Message> response) {
    if (raw.unreadable() != null) {
      response.onError(raw.unreadable().asRuntimeException());
      return;
    }
    byte[] request = raw.bytes();
    Route.Check check = s.validator().check(request, OtlpReplies.PROTOBUF);
    if (check.problem() != null) {
      fail(response, Status.INVALID_ARGUMENT, check.problem());
      return;
    }
    String method = s.exportMethod();
    Map<String, String> headers =
        Map.of("content-type", OtlpReplies.PROTOBUF, "culprit.received-from", "grpc " + method);
    WriteOutcome failed =
        WriteOutcome.await(() -> sink.write(s.topic(), request, headers), config.writeTimeout());
    if (failed != null) {
      Status status = failed.status() == 413 ? Status.RESOURCE_EXHAUSTED : Status.UNAVAILABLE;
      fail(response, status, failed.message());
      return;
    }
    if (!check.skipped().isEmpty()) {
      observer.deadLettered(method, check.skipped());
    }
    response.onNext(OtlpReplies.response(s.signal(), check.skipped()));
    response.onCompleted();
  }

  private static void fail(StreamObserver<Message> response, Status status, String message) {
    response.onError(status.withDescription(message).asRuntimeException());
  }

  /** Reports each served call's method and final status, the token check's answers included. */
  private record Counting(ReceiverObserver observer) implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      String method = call.getMethodDescriptor().getFullMethodName();
      return next.startCall(
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
              observer.answeredGrpc(method, status.getCode().name());
              super.close(status, trailers);
            }
          },
          headers);
    }
  }

  /** Refuses calls without {@code authorization: Bearer token} (compared in fixed time). */
  private record BearerCheck(String token) implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      if (token == null || matches(headers.get(AUTHORIZATION))) {
        return next.startCall(call, headers);
      }
      call.close(
          Status.UNAUTHENTICATED.withDescription("missing or wrong bearer token"), new Metadata());
      return new ServerCall.Listener<>() {};
    }

    private boolean matches(String header) {
      return header != null
          && MessageDigest.isEqual(
              header.getBytes(StandardCharsets.UTF_8),
              ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor.close();
  }
}
