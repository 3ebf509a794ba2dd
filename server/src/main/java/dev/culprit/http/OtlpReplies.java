package dev.culprit.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.culprit.ingest.format.OtlpSignal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The OTLP/HTTP answer to an accepted export: an {@code Export{Trace,Metrics,Logs}ServiceResponse},
 * protobuf-encoded for an {@code application/x-protobuf} request and in OTLP JSON ({@code {}} or
 * {@code {"partialSuccess":{...}}}) for a JSON one. When items of the export were left out (they go
 * to the dead-letter topic), {@code partial_success} carries their count and the first reasons.
 */
public final class OtlpReplies {
  static final String PROTOBUF = "application/x-protobuf";
  private static final int REASONS_SHOWN = 3;
  private static final JsonFormat.Printer JSON =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private OtlpReplies() {}

  /** The replier of the route receiving {@code signal}. */
  public static Route.Replier forSignal(OtlpSignal signal) {
    return (skipped, mediaType) -> reply(response(signal, skipped), mediaType);
  }

  static Message response(OtlpSignal signal, List<String> skipped) {
    if (skipped.isEmpty()) {
      return switch (signal) {
        case TRACES -> ExportTraceServiceResponse.getDefaultInstance();
        case METRICS -> ExportMetricsServiceResponse.getDefaultInstance();
        case LOGS -> ExportLogsServiceResponse.getDefaultInstance();
      };
    }
    long n = skipped.size();
    String message = message(skipped);
    return switch (signal) {
      case TRACES ->
          ExportTraceServiceResponse.newBuilder()
              .setPartialSuccess(
                  ExportTracePartialSuccess.newBuilder()
                      .setRejectedSpans(n)
                      .setErrorMessage(message))
              .build();
      case METRICS ->
          ExportMetricsServiceResponse.newBuilder()
              .setPartialSuccess(
                  ExportMetricsPartialSuccess.newBuilder()
                      .setRejectedDataPoints(n)
                      .setErrorMessage(message))
              .build();
      case LOGS ->
          ExportLogsServiceResponse.newBuilder()
              .setPartialSuccess(
                  ExportLogsPartialSuccess.newBuilder()
                      .setRejectedLogRecords(n)
                      .setErrorMessage(message))
              .build();
    };
  }

  /** The first reasons, and how many more there were. */
  static String message(List<String> skipped) {
    String shown = String.join("; ", skipped.subList(0, Math.min(REASONS_SHOWN, skipped.size())));
    int more = skipped.size() - REASONS_SHOWN;
    return more > 0 ? shown + " (and " + more + " more)" : shown;
  }

  private static Route.Reply reply(Message response, String mediaType) {
    if (PROTOBUF.equals(mediaType)) {
      return new Route.Reply(PROTOBUF, response.toByteArray());
    }
    try {
      return new Route.Reply(
          "application/json", JSON.print(response).getBytes(StandardCharsets.UTF_8));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print an OTLP response as JSON", e);
    }
  }
}
