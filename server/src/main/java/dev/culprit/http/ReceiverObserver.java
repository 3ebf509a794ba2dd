package dev.culprit.http;

import java.util.List;

/**
 * What the HTTP and OTLP/gRPC receivers report about their work, for metrics. The methods run on
 * request threads and must return quickly.
 */
public interface ReceiverObserver {
  /** Reports nothing. */
  ReceiverObserver NONE = new ReceiverObserver() {};

  /**
   * A request was answered.
   *
   * @param route the path when the server serves it, else {@code other} (so that the set of routes
   *     stays bounded whatever clients ask for)
   * @param status the HTTP status sent, 0 when no answer could be sent
   */
  default void answered(String route, int status) {}

  /**
   * An OTLP/gRPC call was answered.
   *
   * @param method the full gRPC method name, such as {@code
   *     opentelemetry.proto.collector.trace.v1.TraceService/Export} (only served methods are
   *     reported)
   * @param status the gRPC status code's name, such as {@code OK} or {@code INVALID_ARGUMENT}
   */
  default void answeredGrpc(String method, String status) {}

  /**
   * An accepted payload held items that could not be read; they reach {@code culprit.dlq}.
   *
   * @param reasons why each item was left out
   */
  default void deadLettered(String route, List<String> reasons) {}
}
