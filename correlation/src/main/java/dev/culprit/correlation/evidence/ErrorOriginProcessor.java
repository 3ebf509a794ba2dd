package dev.culprit.correlation.evidence;

import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evidence from whole traces (key: trace id): where errors start, calls that went without the log
 * lines they usually write, and the network time of calls between services ({@link EdgeTimes}).
 *
 * <p>When several services of one trace log errors, the callers usually only pass on what a service
 * deeper in the call tree raised; the error <em>originates</em> at each erring service that is not
 * a caller (directly or through others) of another erring service in that trace. And a call whose
 * operation nearly always writes some log statement, but did not this time, is <em>incomplete</em>:
 * see {@link SpanLogProfiles}.
 *
 * <ul>
 *   <li>Spans and log lines of a trace are kept, one entry per part (store {@code
 *       evidence-trace-parts-v1}) under a per-trace header (store {@code evidence-traces-v2}),
 *       until the trace has been quiet for {@link #SETTLE} of stream time.
 *   <li>A settled trace counts, per service and minute of its start, one trace seen for every
 *       service with a span in it, one error origin for every origin, and its checked and
 *       incomplete calls (store {@code evidence-error-minutes-v1}); it also teaches the operation
 *       profiles (store {@code evidence-span-log-profiles-v1}).
 *   <li>A closed minute tests each service's origins against its usual rate per minute with data
 *       (store {@code evidence-error-baselines-v1}), with a Poisson tail as log templates are; a
 *       surprising count becomes trace evidence at the service. The usual rate starts at zero and
 *       moves {@link #LEARNING_RATE} of the way to each minute's count, surprising or not: a
 *       service whose errors start there all the time is learnt as such within a few dozen minutes,
 *       while one burst does not teach that bursts are normal.
 * </ul>
 */
final class ErrorOriginProcessor
    extends ContextualProcessor<String, TracePart, String, ScopedEvent> {
  static final long SETTLE = 60_000;
  static final long MINUTE = 60_000;
  static final double RARE_RATE = 0.1;
  static final double LEARNING_RATE = 0.1;
  static final int MAX_PARTS = 2_000;
  static final String FEATURE = "errors originating here (by trace)";
  static final String MISSING_FEATURE = "expected log lines missing (by span)";
  static final String NETWORK_FEATURE = "network time of its calls (by trace)";
  static final double FORGET_CHECKS_AT = 20_000;

  /**
   * Anomalous minutes are not learned, so a fault does not teach the service's usual rates that it
   * is normal (and its next occurrence goes unseen); a run of them this long is a new normal.
   */
  static final long ADAPT_AFTER_MINUTES = 30;

  private final EvidenceConfig config;
  private KeyValueStore<String, Trace> traces;
  private KeyValueStore<String, TracePart> parts;
  private KeyValueStore<String, SpanLogProfiles.Profile> profiles;
  private KeyValueStore<String, Minute> minutes;
  private KeyValueStore<String, Rate> rates;
  private EdgeTimes edges;

  /** A trace seen so far: how many parts, and when. */
  record Trace(int parts, long firstSeen, long lastSeen) {}

  /**
   * One service's traces and error origins in one minute, and its calls checked for expected log
   * lines, those incomplete, and one example of what was missing.
   */
  record Minute(long traces, long origins, long checked, long incomplete, String example) {}

  /**
   * A service's usual error origins per minute with data, how many minutes that rests on, its
   * checked and incomplete calls so far (decayed), and the minutes (epoch minute numbers, 0 when
   * none) since which its error origins and its incomplete calls have been anomalous.
   */
  record Rate(
      double rate,
      long minutes,
      double checked,
      double incomplete,
      long originsSince,
      long incompleteSince) {
    /**
     * Whether a run of anomalous minutes that began at {@code since} is still new at {@code
     * minute}.
     */
    static boolean fresh(long since, long minute) {
      return since > 0 && minute - since < ADAPT_AFTER_MINUTES;
    }
  }

  ErrorOriginProcessor(EvidenceConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, ScopedEvent> context) {
    super.init(context);
    traces = context.getStateStore(EvidenceStage.TRACES_STORE);
    parts = context.getStateStore(EvidenceStage.TRACE_PARTS_STORE);
    profiles = context.getStateStore(EvidenceStage.SPAN_LOG_PROFILES_STORE);
    minutes = context.getStateStore(EvidenceStage.ERROR_MINUTES_STORE);
    rates = context.getStateStore(EvidenceStage.ERROR_BASELINES_STORE);
    edges =
        new EdgeTimes(
            config,
            context.getStateStore(EvidenceStage.EDGE_MINUTES_STORE),
            context.getStateStore(EvidenceStage.EDGE_BASELINES_STORE),
            this::forward);
    context.schedule(
        java.time.Duration.ofMillis(SETTLE / 2), PunctuationType.STREAM_TIME, this::settle);
    IdleClock.schedule(context, config.idleAdvance(), this::settle);
  }

  @Override
  public void process(Record<String, TracePart> record) {
    TracePart part = record.value();
    if (part == null || record.key() == null) {
      return;
    }
    Trace t = traces.get(record.key());
    int n = t == null ? 0 : t.parts();
    if (n >= MAX_PARTS) {
      return;
    }
    parts.put(partKey(record.key(), n), part);
    long first = t == null ? part.time() : Math.min(t.firstSeen(), part.time());
    long last = t == null ? part.time() : Math.max(t.lastSeen(), part.time());
    traces.put(record.key(), new Trace(n + 1, first, last));
  }

  private static String partKey(String traceId, int n) {
    return traceId + "|" + StoreKeys.zeroPadded(n, 6);
  }

  private void settle(long streamTime) {
    List<KeyValue<String, Trace>> done = new ArrayList<>();
    try (KeyValueIterator<String, Trace> it = traces.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        if (kv.value.lastSeen() < streamTime - SETTLE) {
          done.add(kv);
        }
      }
    }
    for (KeyValue<String, Trace> kv : done) {
      List<String> keys = new ArrayList<>();
      List<TracePart> all = new ArrayList<>();
      try (KeyValueIterator<String, TracePart> it = parts.range(kv.key + "|", kv.key + "|~")) {
        while (it.hasNext()) {
          var p = it.next();
          keys.add(p.key);
          all.add(p.value);
        }
      }
      count(kv.value, all);
      keys.forEach(parts::delete);
      traces.delete(kv.key);
    }
    long before = Math.floorDiv(streamTime - 2 * SETTLE, MINUTE);
    closeMinutes(before);
    edges.closeEdgeMinutes(before);
  }

  private void count(Trace t, List<TracePart> all) {
    long minute = Math.floorDiv(t.firstSeen(), MINUTE);
    edges.countCalls(minute, all);
    Set<String> seen = new HashSet<>();
    for (TracePart p : all) {
      if (!p.isLog() && p.resource().service() != null) {
        seen.add(p.resource().service());
      }
    }
    Set<String> origins = origins(all);
    seen.addAll(origins);
    Map<String, long[]> checks = new HashMap<>();
    Map<String, String> examples = new HashMap<>();
    for (SpanLogProfiles.Check c :
        SpanLogProfiles.checkAndLearn(
            all, profiles::get, profiles::put, service -> learnsIncomplete(service, minute))) {
      long[] n = checks.computeIfAbsent(c.service(), k -> new long[2]);
      n[0]++;
      if (c.missing() != null) {
        n[1]++;
        examples.putIfAbsent(c.service(), c.operation() + " without \"" + c.missing() + "\"");
      }
    }
    for (String service : seen) {
      String key = key(service, minute);
      Minute m = minutes.get(key);
      long[] n = checks.getOrDefault(service, new long[2]);
      String example = examples.get(service);
      minutes.put(
          key,
          new Minute(
              (m == null ? 0 : m.traces()) + 1,
              (m == null ? 0 : m.origins()) + (origins.contains(service) ? 1 : 0),
              (m == null ? 0 : m.checked()) + n[0],
              (m == null ? 0 : m.incomplete()) + n[1],
              example != null ? example : m == null ? null : m.example()));
    }
  }

  /**
   * The services where the trace's errors originate: erring services that do not call, directly or
   * through others, another erring service of the trace.
   */
  static Set<String> origins(List<TracePart> parts) {
    Set<String> erring = new HashSet<>();
    Map<String, TracePart> spans = new HashMap<>();
    for (TracePart p : parts) {
      if (p.isLog()) {
        if (p.errorLog() && p.resource().service() != null) {
          erring.add(p.resource().service());
        }
      } else if (p.spanId() != null) {
        spans.put(p.spanId(), p);
      }
    }
    if (erring.size() <= 1) {
      return erring;
    }
    Map<String, Set<String>> callersOf = new HashMap<>();
    for (TracePart span : spans.values()) {
      String service = span.resource().service();
      if (service == null || !erring.contains(service)) {
        continue;
      }
      Set<String> callers = callersOf.computeIfAbsent(service, k -> new HashSet<>());
      Set<String> visited = new HashSet<>();
      String parent = span.parentSpanId();
      while (parent != null && visited.add(parent)) {
        TracePart p = spans.get(parent);
        if (p == null) {
          break;
        }
        if (p.resource().service() != null && !p.resource().service().equals(service)) {
          callers.add(p.resource().service());
        }
        parent = p.parentSpanId();
      }
    }
    Set<String> out = new HashSet<>();
    for (String s : erring) {
      boolean passesOn = false;
      for (String other : erring) {
        if (!other.equals(s) && callersOf.getOrDefault(other, Set.of()).contains(s)) {
          passesOn = true;
          break;
        }
      }
      if (!passesOn) {
        out.add(s);
      }
    }
    return out;
  }

  /** Scores and forgets every minute before {@code beforeMinute}, oldest first. */
  private void closeMinutes(long beforeMinute) {
    TreeMap<String, Minute> closed = new TreeMap<>();
    try (KeyValueIterator<String, Minute> it = minutes.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        if (minuteOf(kv.key) < beforeMinute) {
          closed.put(kv.key, kv.value);
        }
      }
    }
    closed.forEach(
        (key, m) -> {
          minutes.delete(key);
          score(serviceOf(key), minuteOf(key), m);
        });
  }

  private void score(String service, long minute, Minute m) {
    Rate r = rates.get(service);
    double usual = r == null ? 0 : r.rate();
    double expected = Math.max(RARE_RATE, usual);
    boolean incompleteAnomalous = m.incomplete() > 0 && scoreIncomplete(service, minute, m, r);
    boolean originsAnomalous = false;
    if (m.origins() > 0) {
      double score = Math.min(AnomalyScorer.MAX_SCORE, Poisson.upperZ(m.origins(), expected));
      if (score >= config.threshold()) {
        originsAnomalous = true;
        long start = minute * MINUTE;
        Evidence e =
            new Evidence(
                Resource.ofService(service),
                SignalType.TRACE,
                EvidenceFamily.TRACE_ERRORS,
                FEATURE,
                score,
                m.origins(),
                usual,
                Evidence.Direction.UP,
                start,
                start + MINUTE,
                String.format(
                    Locale.ROOT,
                    "%d of %d traces through %s had errors that start there (usually %.2f/min)",
                    m.origins(),
                    m.traces(),
                    service,
                    usual));
        forward(service, e);
      }
    }
    long originsSince = since(originsAnomalous, r == null ? 0 : r.originsSince(), minute);
    long incompleteSince = since(incompleteAnomalous, r == null ? 0 : r.incompleteSince(), minute);
    double next =
        Rate.fresh(originsSince, minute) ? usual : usual + LEARNING_RATE * (m.origins() - usual);
    double checked = r == null ? 0 : r.checked();
    double incomplete = r == null ? 0 : r.incomplete();
    if (!Rate.fresh(incompleteSince, minute)) {
      checked += m.checked();
      incomplete += m.incomplete();
    }
    if (checked >= FORGET_CHECKS_AT) {
      checked /= 2;
      incomplete /= 2;
    }
    rates.put(
        service,
        new Rate(
            next,
            (r == null ? 0 : r.minutes()) + 1,
            checked,
            incomplete,
            originsSince,
            incompleteSince));
  }

  /**
   * Whether the span log profiles may learn a service's incomplete calls in {@code minute}: not
   * while its incomplete calls have been anomalous for less than {@link #ADAPT_AFTER_MINUTES}.
   */
  private boolean learnsIncomplete(String service, long minute) {
    Rate r = rates.get(service);
    return r == null || !Rate.fresh(r.incompleteSince(), minute);
  }

  /** When the current run of anomalous minutes began: 0 when this minute is not anomalous. */
  private static long since(boolean anomalous, long before, long minute) {
    if (!anomalous) {
      return 0;
    }
    return before > 0 ? before : minute;
  }

  /**
   * Tests a minute's incomplete calls at a service against its usual share of incomplete calls
   * (Laplace-smoothed, so a service with little history needs a clear excess); returns whether the
   * minute was anomalous.
   */
  private boolean scoreIncomplete(String service, long minute, Minute m, Rate r) {
    double share = ((r == null ? 0 : r.incomplete()) + 1) / ((r == null ? 0 : r.checked()) + 1);
    double expected = Math.max(RARE_RATE, share * m.checked());
    double score = Math.min(AnomalyScorer.MAX_SCORE, Poisson.upperZ(m.incomplete(), expected));
    if (score < config.threshold()) {
      return false;
    }
    long start = minute * MINUTE;
    forward(
        service,
        new Evidence(
            Resource.ofService(service),
            SignalType.LOG,
            EvidenceFamily.LOG_MISSING,
            MISSING_FEATURE,
            score,
            m.incomplete(),
            expected,
            Evidence.Direction.UP,
            start,
            start + MINUTE,
            String.format(
                Locale.ROOT,
                "%d of %d calls at %s went without a log line they usually write, e.g. %s"
                    + " (%.1f expected)",
                m.incomplete(),
                m.checked(),
                service,
                m.example(),
                expected)));
    return true;
  }

  private void forward(String service, Evidence e) {
    context()
        .forward(
            new Record<>(
                EntityRef.service(service).key(),
                (ScopedEvent) new ScopedEvent.EvidenceEvent(e),
                e.time()));
  }

  private static String key(String service, long minute) {
    return StoreKeys.zeroPadded(minute, 15) + "|" + service;
  }

  static long minuteOf(String key) {
    return Long.parseLong(key.substring(0, key.indexOf('|')));
  }

  private static String serviceOf(String key) {
    return key.substring(key.indexOf('|') + 1);
  }
}
