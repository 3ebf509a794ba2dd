package dev.culprit.app.sim;

import dev.culprit.model.LogEvent;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Simulates single requests through the call graph: one trace per request with a SERVER span per
 * service visited and a CLIENT span per call (with {@code peer} naming the callee), plus the log
 * lines the services write while serving it. Calls run one after the other, so a parent's duration
 * includes its children's. Faults are evaluated at the trace's start time.
 */
final class TraceGenerator {
  static final double INFO_LOG_PROBABILITY = 0.5;
  static final double SLOW_FACTOR = 4;

  private final Blueprint blueprint;
  private final FaultEffects effects;
  private final Map<String, Double> nominalLatencyMs;

  TraceGenerator(Blueprint blueprint, FaultEffects effects, Map<String, Double> nominalLatencyMs) {
    this.blueprint = blueprint;
    this.effects = effects;
    this.nominalLatencyMs = Map.copyOf(nominalLatencyMs);
  }

  /** Simulates one request entering at {@code startMillis}. */
  void trace(long startMillis, RandomGenerator rng, Consumer<Signal> out) {
    Request r = new Request(Rand.traceId(rng), startMillis, rng, out);
    String route = route(rng);
    serve(r, Rand.pick(rng, blueprint.podsOf(Blueprint.ENTRY)), route, startMillis * 1000, null);
  }

  private static String route(RandomGenerator rng) {
    double u = rng.nextDouble();
    for (Blueprint.Route r : Blueprint.ROUTES) {
      u -= r.share();
      if (u < 0) {
        return r.name();
      }
    }
    return Blueprint.ROUTES.getLast().name();
  }

  private record Outcome(long durationMicros, boolean error, String failure) {}

  /** One request in flight. */
  private final class Request {
    final String traceId;
    final long time;
    final RandomGenerator rng;
    final Consumer<Signal> out;
    private final Map<Pod, FaultEffects.PodState> states = new HashMap<>();

    Request(String traceId, long time, RandomGenerator rng, Consumer<Signal> out) {
      this.traceId = traceId;
      this.time = time;
      this.rng = rng;
      this.out = out;
    }

    FaultEffects.PodState state(Pod pod) {
      return states.computeIfAbsent(pod, p -> effects.pod(p, time));
    }

    void log(Pod pod, long micros, String severity, String body, String spanId) {
      out.accept(new LogEvent(pod.resource(), micros / 1000, severity, body, traceId, spanId));
    }
  }

  private Outcome serve(Request r, Pod pod, String op, long start, String parentSpanId) {
    FaultEffects.PodState st = r.state(pod);
    Blueprint.ServiceSpec spec = blueprint.spec(pod.service());
    long own = micros(ownMillis(r.rng, spec, st));
    String spanId = Rand.spanId(r.rng);
    long cursor = start + own / 2;
    boolean ownError = r.rng.nextDouble() < st.errorProbability();
    boolean error = ownError;
    String failure = null;
    for (Blueprint.Call call : blueprint.calls(pod.service(), op)) {
      Pod callee = Rand.pick(r.rng, blueprint.podsOf(call.service()));
      Outcome o = call(r, pod, spanId, call, callee, cursor);
      cursor += o.durationMicros();
      if (o.error() && r.rng.nextDouble() < LoadModel.PROPAGATION) {
        error = true;
        failure = failure == null ? o.failure() : failure;
      }
    }
    long duration = cursor + own - own / 2 - start;
    r.out.accept(
        new Span(
            pod.resource(),
            start / 1000,
            r.traceId,
            spanId,
            parentSpanId,
            op,
            duration,
            Span.SpanKind.SERVER,
            error,
            null));
    long end = start + duration;
    if (ownError) {
      String body =
          st.memoryPressure() > 0.85
              ? LogTemplates.outOfMemory(op)
              : LogTemplates.exception(r.rng, pod.service(), op);
      r.log(pod, end, "ERROR", body, spanId);
    } else if (failure != null) {
      r.log(pod, end, "ERROR", failure, spanId);
    } else if (duration > SLOW_FACTOR * 1000 * nominalLatencyMs.get(pod.service())) {
      r.log(pod, end, "WARN", LogTemplates.slow(op, duration / 1000), spanId);
    } else if (r.rng.nextDouble() < INFO_LOG_PROBABILITY) {
      r.log(pod, end, "INFO", LogTemplates.info(r.rng, pod.service(), op, pod.name()), spanId);
    }
    return new Outcome(duration, error, null);
  }

  private Outcome call(
      Request r, Pod caller, String parentSpanId, Blueprint.Call call, Pod callee, long start) {
    long t = start;
    long network = micros(LoadModel.NETWORK_MS);
    for (int attempt = 1; attempt <= 2; attempt++) {
      String clientId = Rand.spanId(r.rng);
      if (r.rng.nextDouble() < r.state(callee).lossProbability()) {
        long timeout = micros(LoadModel.TIMEOUT_MS);
        client(r, caller, t, clientId, parentSpanId, call, timeout, true);
        if (attempt == 1) {
          r.log(
              caller,
              t + timeout,
              "WARN",
              LogTemplates.retry(call.service(), call.operation(), (long) LoadModel.TIMEOUT_MS),
              parentSpanId);
        }
        t += timeout;
        continue;
      }
      Outcome o =
          blueprint.spec(callee.service()).traced()
              ? serve(r, callee, call.operation(), t + network / 2, clientId)
              : backend(r, callee, call.operation(), t + network / 2);
      long d = o.durationMicros() + network;
      client(r, caller, t, clientId, parentSpanId, call, d, o.error());
      String failure =
          o.error() ? LogTemplates.callFailed(call.service(), call.operation(), false) : null;
      return new Outcome(t + d - start, o.error(), failure);
    }
    return new Outcome(
        t - start, true, LogTemplates.callFailed(call.service(), call.operation(), true));
  }

  private Outcome backend(Request r, Pod pod, String command, long start) {
    FaultEffects.PodState st = r.state(pod);
    long duration = micros(ownMillis(r.rng, blueprint.spec(pod.service()), st));
    boolean error = r.rng.nextDouble() < st.errorProbability();
    if (error) {
      r.out.accept(
          new LogEvent(
              pod.resource(),
              (start + duration) / 1000,
              "ERROR",
              LogTemplates.redisError(command),
              null,
              null));
    }
    return new Outcome(duration, error, null);
  }

  private static void client(
      Request r,
      Pod caller,
      long start,
      String spanId,
      String parentSpanId,
      Blueprint.Call call,
      long duration,
      boolean error) {
    r.out.accept(
        new Span(
            caller.resource(),
            start / 1000,
            r.traceId,
            spanId,
            parentSpanId,
            call.service() + "/" + call.operation(),
            duration,
            Span.SpanKind.CLIENT,
            error,
            call.service()));
  }

  private static double ownMillis(
      RandomGenerator rng, Blueprint.ServiceSpec spec, FaultEffects.PodState st) {
    return Rand.logNormal(rng, spec.ownLatencyMs() * st.latencyFactor(), 0.35) + st.delayMs();
  }

  private static long micros(double millis) {
    return Math.max(1, Math.round(millis * 1000));
  }
}
