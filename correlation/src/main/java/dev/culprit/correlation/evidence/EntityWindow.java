package dev.culprit.correlation.evidence;

import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricClass;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Span;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one entity emitted in one event-time window: metrics, spans and logs side by side.
 * Mutable while the window is open (inside one processor), read-only once forwarded.
 */
public final class EntityWindow {
  static final int MAX_TEMPLATES = 300;
  static final int MAX_OPERATIONS = 100;

  final String entityKey;
  final long start;
  final long end;
  Resource resource;
  final Map<String, Stat> metrics = new LinkedHashMap<>();
  final Map<String, MetricClass> metricClasses = new LinkedHashMap<>();
  final Map<String, OpStat> operations = new LinkedHashMap<>();
  final Map<String, TemplateStat> templates = new LinkedHashMap<>();
  long logs;
  long errorLogs;
  long droppedTemplates;

  EntityWindow(String entityKey, long start, long end, Resource resource) {
    this.entityKey = entityKey;
    this.start = start;
    this.end = end;
    this.resource = resource;
  }

  public String entityKey() {
    return entityKey;
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  public Resource resource() {
    return resource;
  }

  void add(MetricSample m) {
    if (Double.isNaN(m.value()) || Double.isInfinite(m.value())) {
      return;
    }
    metrics.computeIfAbsent(m.name(), k -> new Stat()).add(m.value());
    metricClasses.putIfAbsent(m.name(), m.metricClass());
  }

  void add(Span s) {
    OpStat op = operations.get(s.operation());
    if (op == null) {
      if (operations.size() >= MAX_OPERATIONS) {
        op = operations.computeIfAbsent("(other)", k -> new OpStat());
      } else {
        op = new OpStat();
        operations.put(s.operation(), op);
      }
    }
    op.add(s.durationMicros() / 1000.0, s.error());
  }

  void add(LogEvent log, String template) {
    logs++;
    boolean error = LogTemplates.isError(log.severity());
    if (error) {
      errorLogs++;
    }
    TemplateStat t = templates.get(template);
    if (t == null) {
      if (templates.size() >= MAX_TEMPLATES) {
        droppedTemplates++;
        return;
      }
      t = new TemplateStat(LogTemplates.normalSeverity(log.severity()), log.body(), log.traceId());
      templates.put(template, t);
    }
    t.count++;
  }

  /** Fills in resource parts a later signal names and an earlier one did not. */
  void mergeResource(Resource r) {
    if (resource.equals(r)) {
      return;
    }
    resource =
        new Resource(
            resource.service() != null ? resource.service() : r.service(),
            resource.instance() != null ? resource.instance() : r.instance(),
            resource.node() != null ? resource.node() : r.node());
  }

  /** A running mean and maximum. */
  static final class Stat {
    double sum;
    long count;
    double max = Double.NEGATIVE_INFINITY;

    void add(double v) {
      sum += v;
      count++;
      max = Math.max(max, v);
    }

    double mean() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }

  /** Calls, errors and latency of one operation. */
  static final class OpStat {
    long count;
    long errors;
    double sumMillis;
    double maxMillis;

    void add(double millis, boolean error) {
      count++;
      sumMillis += millis;
      maxMillis = Math.max(maxMillis, millis);
      if (error) {
        errors++;
      }
    }
  }

  /** Occurrences of one log template, with its severity, an example line and its trace. */
  static final class TemplateStat {
    final String severity;
    final String example;
    final String traceId;
    long count;

    TemplateStat(String severity, String example, String traceId) {
      this.severity = severity;
      this.example = example.length() > 300 ? example.substring(0, 300) : example;
      this.traceId = traceId == null || traceId.isBlank() ? null : traceId;
    }
  }
}
