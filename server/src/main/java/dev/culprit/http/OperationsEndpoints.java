package dev.culprit.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.Json;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The endpoints an operator's tools ask, none needing the bearer token: {@code GET /metrics}
 * (Prometheus' text format), {@code GET /health/live} (200 while the process serves HTTP) and
 * {@code GET /health/ready} (200 only while the pipeline is running, else 503).
 */
public final class OperationsEndpoints {
  /** The content type of Prometheus' text exposition format. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private OperationsEndpoints() {}

  /**
   * @param metrics the current metrics in Prometheus' text format
   * @param ready whether the pipeline is running
   * @param state what the pipeline is doing, for the readiness answer
   */
  public static List<Endpoint> of(
      Supplier<String> metrics, BooleanSupplier ready, Supplier<String> state) {
    return List.of(
        get("/metrics", (ex, body) -> ex.send(200, PROMETHEUS_TEXT, metrics.get())),
        get("/health/live", (ex, body) -> IngestServer.respond(ex, 200, "{\"status\":\"ok\"}")),
        get("/health/ready", (ex, body) -> readiness(ex, ready.getAsBoolean(), state.get())));
  }

  private static void readiness(Exchange ex, boolean ready, String state) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("status", ready ? "ready" : "not ready");
    n.put("pipeline", state);
    IngestServer.respond(ex, ready ? 200 : 503, n.toString());
  }

  private static Endpoint get(String path, Endpoint.Handler handler) {
    return new Endpoint(path, Set.of("GET"), false, 0, handler);
  }
}
