package dev.culprit.correlation;

import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny deterministic system for tests: frontend → orders → db-proxy, one pod each. Every 15 s
 * each pod reports cpu and latency; every 5 s one trace runs through all three, and each service
 * logs one INFO line per request. A fault at db-proxy from {@code faultAt} multiplies its cpu by
 * ten, adds 400 ms to its spans (callers inherit it) and makes it log an ERROR line per request.
 */
final class SyntheticSystem {
  static final long T0 = 1_700_000_000_000L - (1_700_000_000_000L % 60_000);
  static final Resource FRONTEND = new Resource("frontend", "frontend-5d9f8-abcde", "node-a");
  static final Resource ORDERS = new Resource("orders", "orders-7c4b9-fghij", "node-a");
  static final Resource DB = new Resource("db-proxy", "db-proxy-6f7d8-klmno", "node-b");

  private SyntheticSystem() {}

  static List<Signal> run(long minutes, long faultAt, long faultUntil) {
    SplittableRandom random = new SplittableRandom(42);
    List<Signal> out = new ArrayList<>();
    long end = T0 + minutes * 60_000;
    int trace = 0;
    for (long t = T0; t < end; t += 5_000) {
      boolean fault = t >= faultAt && t < faultUntil;
      if ((t - T0) % 15_000 == 0) {
        for (Resource r : List.of(FRONTEND, ORDERS, DB)) {
          double cpu = 10 + random.nextDouble() * 2;
          if (fault && r == DB) {
            cpu *= 10;
          }
          out.add(new MetricSample(r, t, "cpu_usage_percent", cpu, null));
        }
      }
      trace++;
      long dbMillis = 20 + random.nextInt(5) + (fault ? 400 : 0);
      String id = "trace-" + trace;
      out.add(span(DB, t + 2, id, "s3", "s2", "SELECT", dbMillis));
      out.add(span(ORDERS, t + 1, id, "s2", "s1", "GET /orders", dbMillis + 10));
      out.add(span(FRONTEND, t, id, "s1", null, "GET /", dbMillis + 20));
      for (Resource r : List.of(FRONTEND, ORDERS, DB)) {
        out.add(new LogEvent(r, t + 3, "INFO", "handled request " + trace + " in 12 ms", id, "s1"));
      }
      if (fault) {
        out.add(
            new LogEvent(
                DB, t + 4, "ERROR", "connection pool exhausted after 3 retries", id, "s3"));
      }
    }
    out.sort(Comparator.comparingLong(Signal::time));
    return out;
  }

  private static Span span(
      Resource r, long t, String trace, String id, String parent, String op, long millis) {
    return new Span(r, t, trace, id, parent, op, millis * 1000, Span.SpanKind.SERVER, false, null);
  }
}
