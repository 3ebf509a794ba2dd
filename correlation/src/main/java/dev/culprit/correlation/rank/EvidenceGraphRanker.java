package dev.culprit.correlation.rank;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.topology.EntityGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Culprit's default ranker.
 *
 * <ol>
 *   <li>Per candidate and per evidence family, the strongest evidence in the incident (log-scaled),
 *       minus what that candidate usually shows of that feature: a high quantile of its per-window
 *       strength in the background period before the incident ({@link Background}). Entities that
 *       are always noisy do not win.
 *   <li>Fusion over evidence families ({@link EvidenceFamily}: what each detector measures, such as
 *       trace latency, trace errors, error log lines, missing log lines, resource metrics): the
 *       best family counts fully, each other family adds {@link #CORROBORATION_WEIGHT} of its
 *       excess. Several readings of one observation (p90 and p99, two slow operations) count once,
 *       so a noisy latency does not win by sheer numbers; independent lines of evidence at one
 *       candidate, which is how a fault shows (new error lines, errors starting there in traces,
 *       expected lines gone missing), add up.
 *   <li>The graph discounts symptoms: a caller whose callee is anomalous no later than itself (in
 *       more than its smaller share of slow network time between the two), and a candidate seen
 *       only on one node that has evidence of its own, no later than the candidate's, when several
 *       candidates share that node.
 * </ol>
 */
public final class EvidenceGraphRanker implements RootCauseRanker {
  /** The default corroboration weight ({@link RankerOptions#corroborationWeight}). */
  static final double CORROBORATION_WEIGHT = RankerOptions.defaults().corroborationWeight();

  private final RankerOptions options;
  private final int limit;

  public EvidenceGraphRanker(int limit, RankerOptions options) {
    if (limit < 1) {
      throw new IllegalArgumentException("Invalid limit: " + limit);
    }
    this.limit = limit;
    this.options = java.util.Objects.requireNonNull(options, "options");
  }

  public EvidenceGraphRanker(int limit) {
    this(limit, RankerOptions.defaults());
  }

  public EvidenceGraphRanker(RankerOptions options) {
    this(10, options);
  }

  public EvidenceGraphRanker() {
    this(10);
  }

  @Override
  public String name() {
    return "culprit";
  }

  @Override
  public List<RootCause> rank(RankingInput input) {
    Map<EntityRef, List<Evidence>> groups = Candidates.group(input.evidence(), input.graph());
    Map<EntityRef, Map<String, Double>> usual = Background.usual(input);
    Map<EntityRef, Double> strength = new HashMap<>();
    Map<EntityRef, Double> beyondNetwork = new HashMap<>();
    Map<EntityRef, Double> network = new HashMap<>();
    Map<EntityRef, Long> onset = new HashMap<>();
    groups.forEach(
        (c, ev) -> {
          Map<String, Double> u = usual.getOrDefault(c, Map.of());
          strength.put(c, strength(ev, u, input.alertHistory(), options));
          List<Evidence> others =
              ev.stream().filter(e -> e.family() != EvidenceFamily.NETWORK).toList();
          beyondNetwork.put(
              c,
              others.size() == ev.size()
                  ? strength.get(c)
                  : strength(others, u, input.alertHistory()));
          network.put(
              c,
              ev.stream()
                  .filter(e -> e.family() == EvidenceFamily.NETWORK)
                  .mapToDouble(Evidence::score)
                  .max()
                  .orElse(0));
          onset.put(c, ev.stream().mapToLong(Evidence::onset).min().orElse(Long.MAX_VALUE));
        });
    Map<EntityRef, EntityRef> host = new HashMap<>();
    Map<EntityRef, Integer> hosted = new HashMap<>();
    groups.forEach(
        (c, ev) -> {
          EntityRef n = soleHost(ev);
          if (n != null && !n.equals(c) && strength.getOrDefault(n, 0.0) > 0) {
            host.put(c, n);
            if (strength.get(c) > 0) {
              hosted.merge(n, 1, Integer::sum);
            }
          }
        });
    Map<EntityRef, Double> score = new HashMap<>();
    Map<EntityRef, EntityRef> blamed = new HashMap<>();
    for (EntityRef c : groups.keySet()) {
      double s = strength.get(c);
      EntityRef cause = null;
      for (EntityRef callee : input.graph().callees(c)) {
        Double calleeStrength = strength.get(callee);
        if (calleeStrength != null
            && calleeStrength > 0
            && explains(callee, c, beyondNetwork, network)
            && onset.get(callee) <= onset.get(c) + options.onsetToleranceMillis()) {
          cause = callee;
          break;
        }
      }
      EntityRef n = host.get(c);
      if (cause == null
          && n != null
          && hosted.getOrDefault(n, 0) >= options.minHostedSymptoms()
          && onset.get(n) <= onset.get(c) + options.onsetToleranceMillis()) {
        cause = n;
      }
      if (cause != null) {
        s *= options.symptomDiscount();
        blamed.put(c, cause);
      }
      score.put(c, s);
    }
    List<EntityRef> order = new ArrayList<>(groups.keySet());
    order.removeIf(c -> score.get(c) <= 0);
    order.sort(
        Comparator.comparingDouble((EntityRef c) -> -score.get(c))
            .thenComparingLong(onset::get)
            .thenComparing(Comparator.naturalOrder()));
    List<Ranked> ranked = new ArrayList<>();
    for (EntityRef c : order) {
      List<Evidence> ev = groups.get(c);
      double sc = score.get(c);
      Map.Entry<EntityRef, List<Evidence>> instance =
          concentratedInstance(c, ev, usual.getOrDefault(c, Map.of()), input, options);
      if (instance != null) {
        ranked.add(new Ranked(instance.getKey(), sc, instance.getValue(), blamed.get(c)));
        ranked.add(new Ranked(c, sc * options.alternateLevelWeight(), ev, blamed.get(c)));
      } else {
        ranked.add(new Ranked(c, sc, ev, blamed.get(c)));
      }
    }
    ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.score()));
    List<RootCause> out = new ArrayList<>();
    for (Ranked r : ranked.subList(0, Math.min(limit, ranked.size()))) {
      List<Evidence> ev = strongestFirst(r.evidence());
      out.add(
          new RootCause(
              r.entity().name(),
              r.entity().kind(),
              service(r.entity(), input.graph()),
              round(r.score()),
              ev.subList(0, Math.min(5, ev.size())),
              explain(r.entity(), ev, r.blamed())));
    }
    return List.copyOf(out);
  }

  /**
   * Whether the callee's trouble can explain the caller's. Slow network time between two services
   * is blamed on both ends ({@code NetworkTime}), the larger share on the end whose every call is
   * slow; a callee whose only trouble is its smaller share of the caller's slow calls is where the
   * caller's network trouble shows, not its cause.
   */
  private static boolean explains(
      EntityRef callee,
      EntityRef caller,
      Map<EntityRef, Double> beyondNetwork,
      Map<EntityRef, Double> network) {
    return beyondNetwork.get(callee) > 0
        || network.get(callee) >= network.getOrDefault(caller, 0.0);
  }

  /**
   * The node all of a candidate's evidence was seen on, or null when it names none or several. A
   * service whose troubled instances share one node might be suffering from that node.
   */
  private static EntityRef soleHost(List<Evidence> evidence) {
    String node = null;
    for (Evidence e : evidence) {
      String n = e.resource().node();
      if (n == null || (node != null && !node.equals(n))) {
        return null;
      }
      node = n;
    }
    return node == null ? null : EntityRef.node(node);
  }

  private record Ranked(
      EntityRef entity, double score, List<Evidence> evidence, EntityRef blamed) {}

  /**
   * The level to report a service candidate at: one of its instances when the service runs several
   * instances, none of its evidence names the service itself, and one instance carries at least
   * {@link RankerOptions#concentration} of what its instances show; else null (report the service).
   * A fault in one pod of a replicated service shows on that pod; a fault in the service (its code,
   * its config, all its pods) shows across pods or on the service's own metrics.
   */
  private static Map.Entry<EntityRef, List<Evidence>> concentratedInstance(
      EntityRef c,
      List<Evidence> ev,
      Map<String, Double> usual,
      RankingInput input,
      RankerOptions options) {
    if (c.kind() != EntityKind.SERVICE
        || input.graph().neighbours(c, GraphEdge.Kind.INSTANCE_OF, false).size() < 2) {
      return null;
    }
    Map<EntityRef, List<Evidence>> byInstance = new HashMap<>();
    for (Evidence e : ev) {
      EntityRef entity = e.entity();
      if (entity.kind() != EntityKind.INSTANCE) {
        return null;
      }
      byInstance.computeIfAbsent(entity, k -> new ArrayList<>()).add(e);
    }
    EntityRef top = null;
    double topStrength = 0;
    double total = 0;
    for (Map.Entry<EntityRef, List<Evidence>> i : byInstance.entrySet()) {
      double st = strength(i.getValue(), usual, input.alertHistory(), options);
      total += st;
      if (st > topStrength || (st == topStrength && top != null && i.getKey().compareTo(top) < 0)) {
        top = i.getKey();
        topStrength = st;
      }
    }
    if (top == null || total <= 0 || topStrength < options.concentration() * total) {
      return null;
    }
    return Map.entry(top, byInstance.get(top));
  }

  /**
   * The candidate's excess over its usual level: per evidence family, the evidence that rises most
   * above what the candidate usually shows of that feature ({@link Background}); the best family
   * counts fully, the others add {@link #CORROBORATION_WEIGHT} of theirs. Alerts count by novelty
   * rather than against the background level, as one family: see {@link #alertStrength}.
   */
  static double strength(List<Evidence> evidence, Map<String, Double> usual, AlertHistory history) {
    return strength(evidence, usual, history, RankerOptions.defaults());
  }

  /** As {@link #strength(List, Map, AlertHistory)}, with {@code options}' weights. */
  static double strength(
      List<Evidence> evidence,
      Map<String, Double> usual,
      AlertHistory history,
      RankerOptions options) {
    Map<EvidenceFamily, Double> best = new EnumMap<>(EvidenceFamily.class);
    List<Evidence> alerts = new ArrayList<>();
    for (Evidence e : evidence) {
      if (e.signal() == SignalType.ALERT) {
        alerts.add(e);
      } else {
        double excess = Math.log1p(e.score()) - usual.getOrDefault(Background.key(e), 0.0);
        best.merge(e.family(), excess, Math::max);
      }
    }
    List<Double> excess = new ArrayList<>();
    best.forEach((signal, v) -> excess.add(Math.max(0, v)));
    if (!alerts.isEmpty()) {
      excess.add(alertStrength(alerts, history, options.secondaryWeight()));
    }
    excess.sort(Comparator.reverseOrder());
    double s = 0;
    for (int i = 0; i < excess.size(); i++) {
      s += i == 0 ? excess.get(i) : options.corroborationWeight() * excess.get(i);
    }
    return s;
  }

  /**
   * What a candidate's alerts say. Per entity, every distinct alert counts with its severity
   * (log-scaled score) times its novelty, {@code 1 / (1 + m)^2} for an alert that fired on that
   * entity in {@code m} minutes of the history: a new alert counts fully, one seen once before a
   * quarter, a recurring one hardly at all; and divided by {@code 1 + n}, {@code n} the minutes of
   * the history in which that alert fired on any entity, as metric evidence is (an alert that fires
   * somewhere all the time says little wherever it fires). Breadth counts: a fault usually trips
   * several of its entity's own alerts at once, while noise is the same alerts again. The entity
   * with most counts fully, other entities of the candidate (the other instances of a service) add
   * {@link RankerOptions#secondaryWeight} of theirs.
   */
  static double alertStrength(List<Evidence> alerts, AlertHistory history) {
    return alertStrength(alerts, history, RankerOptions.defaults().secondaryWeight());
  }

  /**
   * As {@link #alertStrength(List, AlertHistory)}, other entities adding {@code secondaryWeight}.
   */
  static double alertStrength(List<Evidence> alerts, AlertHistory history, double secondaryWeight) {
    Map<String, Map<String, Double>> byEntity = new HashMap<>();
    for (Evidence e : alerts) {
      byEntity
          .computeIfAbsent(e.entity().key(), k -> new HashMap<>())
          .merge(e.feature(), Math.log1p(e.score()), Math::max);
    }
    List<Double> perEntity = new ArrayList<>();
    byEntity.forEach(
        (entity, features) -> {
          double sum = 0;
          for (Map.Entry<String, Double> f : features.entrySet()) {
            double seen = 1 + history.minutesFiring(entity, f.getKey());
            double anywhere = 1 + history.minutesFiring(AlertHistory.ANY_ENTITY, f.getKey());
            sum += f.getValue() / (seen * seen) / anywhere;
          }
          perEntity.add(sum);
        });
    perEntity.sort(Comparator.reverseOrder());
    double s = 0;
    for (int i = 0; i < perEntity.size(); i++) {
      s += i == 0 ? perEntity.get(i) : secondaryWeight * perEntity.get(i);
    }
    return s;
  }

  private static List<Evidence> strongestFirst(List<Evidence> evidence) {
    List<Evidence> sorted = new ArrayList<>(evidence);
    sorted.sort(Comparator.comparingDouble(Evidence::score).reversed());
    return sorted;
  }

  private static String service(EntityRef c, EntityGraph graph) {
    EntityRef s = graph.serviceOf(c);
    return s.kind() == EntityKind.SERVICE ? s.name() : null;
  }

  private static String explain(EntityRef c, List<Evidence> ev, EntityRef blamedCallee) {
    Evidence top = ev.get(0);
    String text =
        String.format(
            Locale.ROOT,
            "%s %s: %s (since %s)",
            c.kind().label(),
            c.name(),
            top.detail(),
            Instant.ofEpochMilli(top.onset()));
    if (blamedCallee != null) {
      text += "; may only inherit trouble from " + blamedCallee.name();
    }
    return text;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
