package dev.culprit.correlation.incident;

import dev.culprit.correlation.incident.ScopeState.OpenIncident;
import dev.culprit.correlation.rank.RankingInput;
import dev.culprit.correlation.rank.RootCauseRanker;
import dev.culprit.correlation.scope.GraphEdges;
import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.model.Trigger;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Opens, re-ranks and resolves incidents per scope (key: scope). */
final class IncidentProcessor extends ContextualProcessor<String, ScopedEvent, String, Incident> {
  private final IncidentConfig config;
  private final RootCauseRanker ranker;
  private KeyValueStore<String, Evidence> evidence;
  private KeyValueStore<String, ScopeState> scopes;
  private KeyValueStore<String, GraphEdge> graph;
  private AlertMinutes alertMinutes;
  private MetricRecurrence metricRecurrence;

  private final long edgeExpiryMillis;

  IncidentProcessor(IncidentConfig config, RootCauseRanker ranker, java.time.Duration edgeExpiry) {
    this.config = config;
    this.ranker = ranker;
    this.edgeExpiryMillis = edgeExpiry.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Incident> context) {
    super.init(context);
    evidence = context.getStateStore(IncidentStage.EVIDENCE_STORE);
    scopes = context.getStateStore(IncidentStage.SCOPE_STORE);
    graph = context.getStateStore(IncidentStage.GRAPH_STORE);
    alertMinutes =
        new AlertMinutes(
            context.getStateStore(IncidentStage.ALERT_HISTORY_STORE),
            config.alertHistory().toMillis());
    metricRecurrence =
        new MetricRecurrence(
            context.getStateStore(IncidentStage.METRIC_HISTORY_STORE),
            config.alertHistory().toMillis());
  }

  @Override
  public void process(Record<String, ScopedEvent> record) {
    String scope = record.key();
    ScopeState st = scopes.get(scope);
    if (st == null) {
      st = ScopeState.empty();
    }
    st =
        switch (record.value()) {
          case ScopedEvent.EvidenceEvent e -> onEvidence(scope, st, e.evidence());
          case ScopedEvent.TriggerEvent t -> withPending(st, t.trigger());
          case ScopedEvent.Tick t -> onTick(scope, st, t.time());
          case ScopedEvent.AlertState a -> withAlert(st, a);
        };
    scopes.put(scope, st);
  }

  private ScopeState onEvidence(String scope, ScopeState st, Evidence raw) {
    Evidence e = metricRecurrence.weigh(scope, raw);
    long seq = st.seq() + 1;
    evidence.put(EvidenceKeys.key(scope, e.time(), seq), e);
    alertMinutes.record(scope, e);
    List<Evidence> late = st.late();
    if (e.time() <= st.lastTick()) {
      late = new ArrayList<>(late);
      late.add(e);
      if (late.size() > ScopeState.MAX_LATE) {
        late.sort(Comparator.comparingDouble(Evidence::score).reversed());
        late = late.subList(0, ScopeState.MAX_LATE);
      }
    }
    return new ScopeState(
        st.open(), st.pending(), seq, st.opened(), st.lastTick(), late, st.past(), st.firing());
  }

  /** Remembers until when an alert fires (forgets it once it has stopped). */
  private ScopeState withAlert(ScopeState st, ScopedEvent.AlertState a) {
    Map<String, Long> firing = new HashMap<>(st.firing());
    long until =
        a.until() == Long.MAX_VALUE
            ? saturatedAdd(a.time(), config.alertHold().toMillis())
            : a.until();
    if (until > Math.max(a.time(), st.lastTick())) {
      firing.put(a.key(), until);
    } else {
      firing.remove(a.key());
    }
    if (firing.size() > ScopeState.MAX_FIRING) {
      firing.entrySet().stream()
          .sorted(Map.Entry.comparingByValue())
          .limit(firing.size() - ScopeState.MAX_FIRING)
          .map(Map.Entry::getKey)
          .toList()
          .forEach(firing::remove);
    }
    return new ScopeState(
        st.open(),
        st.pending(),
        st.seq(),
        st.opened(),
        st.lastTick(),
        st.late(),
        st.past(),
        firing);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /**
   * Whether an alert that is part of the open incident's evidence still fires at {@code now}: the
   * incident then stays open, however quiet the rest of its evidence is, until the alert resolves
   * or its end passes.
   */
  private boolean holdsFiringAlert(
      String scope, OpenIncident open, Map<String, Long> firing, long now, Regions regions) {
    if (firing.isEmpty()) {
      return false;
    }
    long from = open.openedAt() - config.lookback().toMillis();
    List<Evidence> own =
        regions.within(
            EvidenceKeys.range(evidence, scope, from, now), regions.ofKeys(open.anchors()));
    for (Evidence e : own) {
      if (e.signal() == SignalType.ALERT) {
        Long until = firing.get(e.entity().key() + "|" + e.feature());
        if (until != null && until > now) {
          return true;
        }
      }
    }
    return false;
  }

  private static ScopeState withPending(ScopeState st, Trigger t) {
    List<Trigger> pending = new ArrayList<>(st.pending());
    pending.add(t);
    return new ScopeState(
        st.open(),
        pending,
        st.seq(),
        st.opened(),
        st.lastTick(),
        st.late(),
        st.past(),
        st.firing());
  }

  private ScopeState onTick(String scope, ScopeState st, long now) {
    List<ScopeState.Span> past = recent(st.past(), now);
    Map<String, Long> firing = new HashMap<>(st.firing());
    firing.values().removeIf(until -> until <= now);
    EvidenceKeys.evictBefore(evidence, scope, now - config.retention().toMillis());
    alertMinutes.sweep(now);
    EntityGraph graph = snapshot();
    List<Trigger> pending = fireDueTriggers(scope, st.pending(), now, graph, past);
    long window = config.window().toMillis();
    List<Evidence> latest =
        new ArrayList<>(EvidenceKeys.range(evidence, scope, now - window + 1, now));
    latest.addAll(st.late());
    // suppressed items may be evidence in an incident, but never open or sustain one
    latest.removeIf(Evidence::suppressed);
    RankingInput current = input(scope, latest, now - window + 1, now, graph, List.of());
    Regions regions = Regions.of(current.graph(), config.grouping());
    Map<String, Hotspot> hottest = Hotspot.byRegion(current, regions, config);
    long opened = st.opened();
    List<OpenIncident> kept = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    for (OpenIncident open : st.open()) {
      Set<String> own = regions.ofKeys(open.anchors());
      Hotspot h = Hotspot.hottest(hottest, own);
      if (h != null && h.opens() && isNewHotspot(open, h.entity(), now)) {
        resolve(
            scope,
            open,
            now,
            graph,
            past,
            regions,
            "superseded: a new hotspot at " + h.entity().name());
        continue;
      }
      if ((h != null && h.level() >= config.sustainLevel())
          || holdsFiringAlert(scope, open, firing, now, regions)) {
        open = open.strongAt(now);
      }
      covered.addAll(own);
      kept.add(open);
    }
    List<Hotspot> fresh =
        hottest.values().stream()
            .filter(h -> h.opens())
            .sorted(Comparator.comparingDouble(Hotspot::level).reversed())
            .toList();
    for (Hotspot h : fresh) {
      if (kept.size() >= IncidentConfig.MAX_OPEN
          || (!covered.isEmpty() && Regions.related(h.region(), covered))) {
        continue;
      }
      opened++;
      long start = now - window;
      kept.add(
          new OpenIncident(
              IncidentIds.of(scope, start, opened), 0, start, now, List.of(), h.entity().key()));
      covered.add(h.region());
    }
    List<OpenIncident> still = new ArrayList<>();
    for (OpenIncident open : kept) {
      OpenIncident next = update(scope, open, now, graph, past, regions);
      if (next != null) {
        still.add(next);
      }
    }
    Set<String> stillIds = new HashSet<>();
    still.forEach(o -> stillIds.add(o.id()));
    for (OpenIncident before : st.open()) {
      if (!stillIds.contains(before.id())) {
        past = new ArrayList<>(past);
        past.add(new ScopeState.Span(before.openedAt() - config.lookback().toMillis(), now));
      }
    }
    return new ScopeState(
        still, pending, st.seq(), opened, Math.max(now, st.lastTick()), List.of(), past, firing);
  }

  /** The spans of past incidents that still reach into the background period before {@code now}. */
  private List<ScopeState.Span> recent(List<ScopeState.Span> spans, long now) {
    long oldest = now - config.background().toMillis() - config.triggerHorizon().toMillis();
    return spans.stream().filter(s -> s.to() >= oldest).toList();
  }

  /**
   * Whether the hottest entity now is unrelated to an incident that has been open for a while: a
   * new root cause deserves its own incident rather than being folded into the last one.
   */
  private boolean isNewHotspot(OpenIncident open, EntityRef hottest, long now) {
    return open.version() > 0
        && now - open.openedAt() >= config.triggerHorizon().toMillis() / 2
        && !open.top().contains(hottest.key());
  }

  /** An open incident's evidence (from lookback before it opened to the horizon) and ranking. */
  private record Ranked(List<Evidence> evidence, List<RootCause> ranking, EntityGraph graph) {}

  /**
   * Evidence inside the {@code past} incident spans is left out of the background the ranker sees,
   * so a service's earlier fault does not make its next one look usual. Opening and sustaining an
   * incident keep the whole background: a fault that lasts becomes usual and its incident resolves,
   * instead of reopening each time the last one ends.
   */
  private Ranked rank(
      String scope,
      OpenIncident open,
      long now,
      EntityGraph graph,
      List<ScopeState.Span> past,
      Regions regions) {
    long from = open.openedAt() - config.lookback().toMillis();
    long until = Math.min(now, open.openedAt() + config.triggerHorizon().toMillis());
    List<Evidence> ev =
        regions.within(
            EvidenceKeys.range(evidence, scope, from, until), regions.ofKeys(open.anchors()));
    RankingInput in = input(scope, ev, from, until, graph, past);
    return new Ranked(ev, ranker.rank(in), in.graph());
  }

  private void resolve(
      String scope,
      OpenIncident open,
      long now,
      EntityGraph graph,
      List<ScopeState.Span> past,
      Regions regions,
      String change) {
    Ranked r = rank(scope, open, now, graph, past, regions);
    emit(scope, open, open.version() + 1, now, true, r, change);
  }

  private void emit(
      String scope,
      OpenIncident open,
      int version,
      long now,
      boolean resolved,
      Ranked r,
      String change) {
    Incident incident =
        Incidents.build(
            open.id(),
            version,
            scope,
            open.openedAt(),
            now,
            resolved,
            r.evidence(),
            r.ranking(),
            change,
            null,
            r.graph());
    context().forward(new Record<>(open.id(), incident, now));
  }

  private OpenIncident update(
      String scope,
      OpenIncident open,
      long now,
      EntityGraph graph,
      List<ScopeState.Span> past,
      Regions regions) {
    boolean resolved = now - open.lastStrong() >= config.quietPeriod().toMillis();
    Ranked r = rank(scope, open, now, graph, past, regions);
    List<String> top = r.ranking().stream().limit(3).map(rc -> rc.ref().key()).toList();
    String change;
    if (open.version() == 0) {
      change = "opened";
    } else if (resolved) {
      change =
          "resolved after " + config.quietPeriod().toMinutes() + " min without strong evidence";
    } else if (!top.equals(open.top())) {
      change = "ranking changed: " + String.join(", ", top);
    } else {
      return open;
    }
    int version = open.version() + 1;
    emit(scope, open, version, now, resolved, r, change);
    return resolved
        ? null
        : new OpenIncident(
            open.id(), version, open.openedAt(), open.lastStrong(), top, open.seed());
  }

  private List<Trigger> fireDueTriggers(
      String scope,
      List<Trigger> pending,
      long now,
      EntityGraph graph,
      List<ScopeState.Span> past) {
    List<Trigger> waiting = new ArrayList<>();
    for (Trigger t : pending) {
      long until = t.at() + config.triggerHorizon().toMillis();
      if (until > now) {
        waiting.add(t);
        continue;
      }
      long from = t.at() - config.lookback().toMillis();
      List<Evidence> ev = EvidenceKeys.range(evidence, scope, from, until);
      RankingInput in = input(scope, ev, from, until, graph, past);
      List<RootCause> ranking = ranker.rank(in);
      String id = "trigger-" + t.id();
      Incident incident =
          Incidents.build(
              id, 1, scope, t.at(), until, false, ev, ranking, "triggered", t.id(), in.graph());
      context().forward(new Record<>(id, incident, until));
    }
    return waiting;
  }

  /**
   * What a ranker (or the opening level) sees of {@code ev}: with the background before {@code
   * from}, leaving out the evidence inside {@code excluded} spans.
   */
  private RankingInput input(
      String scope,
      List<Evidence> ev,
      long from,
      long to,
      EntityGraph graph,
      List<ScopeState.Span> excluded) {
    long backgroundFrom = from - config.background().toMillis();
    List<Evidence> background = new ArrayList<>();
    for (Evidence e : EvidenceKeys.range(evidence, scope, backgroundFrom, from - 1)) {
      if (excluded.stream().noneMatch(s -> s.contains(e.time()))) {
        background.add(e);
      }
    }
    return new RankingInput(
        ev,
        background,
        backgroundFrom,
        graph.withoutEdgesSeenBefore(to - edgeExpiryMillis),
        from,
        to,
        alertMinutes.before(scope, from));
  }

  /** The graph as the global table holds it now: read once per tick. */
  private EntityGraph snapshot() {
    return EntityGraph.of(GraphEdges.all(graph));
  }
}
