package dev.culprit.sim;

import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The signals of one simulation run, with the queries the tests ask of them. */
record SimRun(Simulator simulator, List<Signal> signals, List<InjectedFault> started) {
  /** How far back "before a fault" reaches. */
  static final long BEFORE_MS = 300_000;

  static SimRun run(Simulator simulator, Duration total, Duration step) {
    List<Signal> signals = new ArrayList<>();
    List<InjectedFault> started = new ArrayList<>();
    long end = simulator.now() + total.toMillis();
    while (simulator.now() < end) {
      Simulator.Batch b = simulator.advanceTo(Math.min(end, simulator.now() + step.toMillis()));
      signals.addAll(b.signals());
      started.addAll(b.started());
    }
    return new SimRun(simulator, List.copyOf(signals), List.copyOf(started));
  }

  double[] metric(String entity, String name, long from, long to) {
    return signals.stream()
        .filter(s -> s instanceof MetricSample m && m.name().equals(name))
        .filter(s -> s.entity().name().equals(entity) && s.time() >= from && s.time() < to)
        .mapToDouble(s -> ((MetricSample) s).value())
        .toArray();
  }

  /** Median of a metric of an entity in the five minutes before {@code fault} started. */
  double before(InjectedFault fault, String entity, String name) {
    return median(metric(entity, name, fault.at() - BEFORE_MS, fault.at()));
  }

  /** Median of a metric of an entity while {@code fault} was active. */
  double during(InjectedFault fault, String entity, String name) {
    return median(metric(entity, name, fault.at(), fault.until()));
  }

  List<LogEvent> logs(Predicate<LogEvent> filter) {
    return signals.stream()
        .filter(s -> s instanceof LogEvent)
        .map(LogEvent.class::cast)
        .filter(filter)
        .toList();
  }

  List<Span> spans(Predicate<Span> filter) {
    return signals.stream()
        .filter(s -> s instanceof Span)
        .map(Span.class::cast)
        .filter(filter)
        .toList();
  }

  /** Spans that {@code filter} accepts with a start in {@code [from, to)}. */
  List<Span> spans(long from, long to, Predicate<Span> filter) {
    return spans(s -> s.time() >= from && s.time() < to && filter.test(s));
  }

  /** Median duration in milliseconds of {@code spans}. */
  static double medianMillis(List<Span> spans) {
    return median(spans.stream().mapToDouble(s -> s.durationMicros() / 1000.0).toArray());
  }

  /** The spans whose parent is {@code parent}, by trace and span id. */
  Map<String, List<Span>> childrenByParent() {
    Map<String, List<Span>> out = new HashMap<>();
    for (Span s : spans(s -> s.parentSpanId() != null)) {
      out.computeIfAbsent(s.traceId() + "/" + s.parentSpanId(), k -> new ArrayList<>()).add(s);
    }
    return out;
  }

  static String key(Span s) {
    return s.traceId() + "/" + s.spanId();
  }

  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("No values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
