package dev.culprit.sim;

import dev.culprit.model.LogEvent;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Simulates single requests through the call graph as OpenTelemetry reports them: one trace per
 * request; each call a CLIENT span at the caller (request transit + server time + response transit,
 * {@code peer} naming the callee) with the callee's SERVER span as its child, or no child when the
 * callee is not traced (a cache) or the request never arrived; error status on failed spans. The
 * services log while serving, in their own {@link LogShape} with the trace and span ids: every
 * handler writes one completion line per request it completes. Calls run one after the other, so a
 * parent's duration includes its children's. Faults are evaluated at the trace's start time.
 */
final class TraceGenerator {
  static final double DETAIL_LOG_PROBABILITY = 0.1;
  static final double SLOW_FACTOR = 4;

  private final Blueprint blueprint;
  private final FaultEffects effects;
  private final Map<String, Double> nominalLatencyMs;

  TraceGenerator(Blueprint blueprint, FaultEffects effects, Map<String, Double> nominalLatencyMs) {
    this.blueprint = blueprint;
    this.effects = effects;
    this.nominalLatencyMs = Map.copyOf(nominalLatencyMs);
  }

  /** Simulates one request entering at {@code startMillis}; none when the entry pods are down. */
  void trace(long startMillis, RandomGenerator rng, Consumer<Signal> out) {
    Request r = new Request(Rand.traceId(rng), startMillis, rng, out);
    String route = route(rng);
    Pod entry = r.pick(Blueprint.ENTRY);
    if (entry != null) {
      serve(r, entry, route, startMillis * 1000, null);
    }
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

    /** A pod of {@code service} that is up, as a load balancer picks one; null when none is. */
    Pod pick(String service) {
      List<Pod> up = blueprint.podsOf(service).stream().filter(p -> !state(p).down()).toList();
      return up.isEmpty() ? null : Rand.pick(rng, up);
    }

    void log(Pod pod, long micros, String severity, LogTemplates.Line line, String spanId) {
      LogShape shape = blueprint.spec(pod.service()).logShape();
      String body =
          shape.render(
              micros / 1000,
              severity,
              pod.service(),
              line.message(),
              line.stack(),
              traceId,
              spanId);
      out.accept(new LogEvent(pod.resource(), micros / 1000, severity, body, traceId, spanId));
    }

    void log(Pod pod, long micros, String severity, String message, String spanId) {
      log(pod, micros, severity, new LogTemplates.Line(message, null), spanId);
    }
  }

  private Outcome serve(Request r, Pod pod, String op, long start, String parentSpanId) {
    FaultEffects.PodState st = r.state(pod);
    long own = Network.micros(ownMillis(r.rng, blueprint.spec(pod.service()), st));
    String spanId = Rand.spanId(r.rng);
    boolean thrown = r.rng.nextDouble() < st.exceptionProbability();
    boolean early = !thrown && r.rng.nextDouble() < st.returnProbability();
    long cursor = start + own / 2;
    boolean error = thrown;
    String failure = null;
    for (Blueprint.Call call :
        early ? List.<Blueprint.Call>of() : blueprint.calls(pod.service(), op)) {
      Outcome o = call(r, pod, spanId, call, cursor);
      cursor += o.durationMicros();
      if (o.error() && r.rng.nextDouble() < LoadModel.PROPAGATION) {
        error = true;
        failure = failure == null ? o.failure() : failure;
      }
    }
    long duration = cursor + (early ? 0 : own - own / 2) - start;
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
    writeLogs(r, pod, op, start, duration, spanId, thrown, early, error, failure);
    return new Outcome(duration, error, null);
  }

  private void writeLogs(
      Request r,
      Pod pod,
      String op,
      long start,
      long duration,
      String spanId,
      boolean thrown,
      boolean early,
      boolean error,
      String failure) {
    FaultEffects.PodState st = r.state(pod);
    long end = start + duration;
    if (thrown) {
      LogTemplates.Line line =
          st.memoryPressure() > 0.9
              ? new LogTemplates.Line(LogTemplates.outOfMemory(op), null)
              : LogTemplates.exception(st.exceptionVariant(), pod.service(), op);
      r.log(pod, end, "ERROR", line, spanId);
    } else if (failure != null) {
      r.log(pod, end, "ERROR", failure, spanId);
    }
    if (duration > SLOW_FACTOR * 1000 * nominalLatencyMs.get(pod.service())) {
      r.log(pod, end, "WARN", LogTemplates.slow(op, duration / 1000), spanId);
    }
    if (early || error) {
      return;
    }
    if (r.rng.nextDouble() < DETAIL_LOG_PROBABILITY) {
      String detail = LogTemplates.detail(r.rng, pod.service(), op, pod.name());
      r.log(pod, start + duration / 2, "INFO", detail, spanId);
    }
    r.log(pod, end, "INFO", LogTemplates.completed(r.rng, pod.service(), op, pod.name()), spanId);
  }

  private Outcome call(
      Request r, Pod caller, String parentSpanId, Blueprint.Call call, long start) {
    long t = start;
    for (int attempt = 1; attempt <= 2; attempt++) {
      Pod callee = r.pick(call.service());
      if (callee == null) {
        long refused = Network.micros(Network.BASE_MS);
        client(r, caller, t, Rand.spanId(r.rng), parentSpanId, call, refused, true);
        return new Outcome(t + refused - start, true, failed(call, LogTemplates.Failure.REFUSED));
      }
      Optional<Outcome> o = attempt(r, caller, parentSpanId, call, callee, t);
      if (o.isPresent()) {
        return new Outcome(
            t + o.get().durationMicros() - start, o.get().error(), o.get().failure());
      }
      if (attempt == 1) {
        String retry =
            LogTemplates.retry(call.service(), call.operation(), (long) LoadModel.TIMEOUT_MS);
        r.log(caller, t + Network.micros(LoadModel.TIMEOUT_MS), "WARN", retry, parentSpanId);
      }
      t += Network.micros(LoadModel.TIMEOUT_MS);
    }
    return new Outcome(t - start, true, failed(call, LogTemplates.Failure.DEADLINE));
  }

  /**
   * One try of a call: the request's transit, the callee serving it if it arrives in time, the
   * response's transit, and the CLIENT span; empty when retransmissions made it time out.
   */
  private Optional<Outcome> attempt(
      Request r, Pod caller, String parentSpanId, Blueprint.Call call, Pod callee, long t) {
    String clientId = Rand.spanId(r.rng);
    long timeout = Network.micros(LoadModel.TIMEOUT_MS);
    Network.Leg up = Network.leg(r.rng, r.state(caller), r.state(callee));
    Network.Leg down = Network.leg(r.rng, r.state(callee), r.state(caller));
    boolean lost = up.retransmitMicros() >= timeout;
    Outcome o = lost ? null : serveOrBackend(r, callee, call, t + up.micros(), clientId);
    if (lost || up.retransmitMicros() + down.retransmitMicros() >= timeout) {
      client(r, caller, t, clientId, parentSpanId, call, timeout, true);
      return Optional.empty();
    }
    long d = up.micros() + o.durationMicros() + down.micros();
    client(r, caller, t, clientId, parentSpanId, call, d, o.error());
    String failure = o.error() ? failed(call, LogTemplates.Failure.UPSTREAM) : null;
    return Optional.of(new Outcome(d, o.error(), failure));
  }

  private static String failed(Blueprint.Call call, LogTemplates.Failure failure) {
    return LogTemplates.callFailed(call.service(), call.operation(), failure);
  }

  private Outcome serveOrBackend(
      Request r, Pod callee, Blueprint.Call call, long start, String clientId) {
    return blueprint.spec(callee.service()).traced()
        ? serve(r, callee, call.operation(), start, clientId)
        : backend(r, callee, call.operation(), start);
  }

  private Outcome backend(Request r, Pod pod, String command, long start) {
    FaultEffects.PodState st = r.state(pod);
    long duration = Network.micros(ownMillis(r.rng, blueprint.spec(pod.service()), st));
    boolean error = r.rng.nextDouble() < st.exceptionProbability();
    if (error) {
      long end = (start + duration) / 1000;
      String message = LogTemplates.redisError(command);
      String body =
          blueprint
              .spec(pod.service())
              .logShape()
              .render(end, "ERROR", pod.service(), message, null, null, null);
      r.out.accept(new LogEvent(pod.resource(), end, "ERROR", body, null, null));
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
    return Rand.logNormal(rng, spec.ownLatencyMs() * st.latencyFactor(), 0.35);
  }
}
