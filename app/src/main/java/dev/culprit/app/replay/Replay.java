package dev.culprit.app.replay;

import dev.culprit.correlation.rank.RankTimings;
import dev.culprit.correlation.rank.RootCauseRanker;
import dev.culprit.correlation.rank.TimedRanker;
import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.Signal;
import dev.culprit.model.SignalType;
import dev.culprit.model.Trigger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays a labelled dataset through a pipeline driver in event-time order and scores the result.
 * In the triggered protocol each fault's start is handed to the engine as a {@link Trigger} when
 * the replay reaches that moment. Signals of the types left out (an ablation) never reach the
 * pipeline. Rank calls of a pipeline built with {@link #timed} are timed for the report.
 */
public final class Replay {
  private static final int DRAIN_EVERY = 5_000;

  /** Progress of a replay: bytes read of total, signals sent. */
  public record Progress(long bytesRead, long totalBytes, long signals, long eventTime) {}

  private final Dataset dataset;
  private final boolean triggered;
  private final String ranker;

  private final List<GraphEdge> declared;
  private final Set<SignalType> without;
  private String suppression = "rules";
  private long scoreFrom = Long.MIN_VALUE;
  private final RankTimings timings = new RankTimings();

  public Replay(Dataset dataset, boolean triggered, String ranker) {
    this(dataset, triggered, ranker, List.of());
  }

  /** A replay that also declares {@code declared} topology (for example a YAML file). */
  public Replay(Dataset dataset, boolean triggered, String ranker, List<GraphEdge> declared) {
    this(dataset, triggered, ranker, declared, Set.of());
  }

  /** A replay that also leaves out every signal of the types in {@code without}. */
  public Replay(
      Dataset dataset,
      boolean triggered,
      String ranker,
      List<GraphEdge> declared,
      Set<SignalType> without) {
    this.declared = List.copyOf(declared);
    this.dataset = dataset;
    this.triggered = triggered;
    this.ranker = ranker;
    this.without =
        without.isEmpty()
            ? Collections.unmodifiableSet(EnumSet.noneOf(SignalType.class))
            : Collections.unmodifiableSet(EnumSet.copyOf(without));
  }

  /**
   * Scores only faults from {@code time} on, and counts only incidents opened from then on (earlier
   * history still flows through the pipeline): the held-out part of a set whose first part a model
   * was trained on.
   */
  public Replay scoringFrom(long time) {
    this.scoreFrom = time;
    return this;
  }

  /**
   * Says in the report what suppressed evidence: {@code off}, {@code rules} (the default) or {@code
   * model VERSION}.
   */
  public Replay describingSuppression(String description) {
    this.suppression = description;
    return this;
  }

  /**
   * {@code ranker} with its rank calls timed for this replay's report: the decorator to build the
   * pipeline with ({@code CulpritPipeline.build(config, replay::timed)}).
   */
  public RootCauseRanker timed(RootCauseRanker ranker) {
    return new TimedRanker(ranker, timings);
  }

  /** Runs the replay; {@code onIncident} sees every incident version as it is produced. */
  public ReplayReport run(
      PipelineDriver driver, Consumer<Progress> progress, Consumer<Incident> onIncident)
      throws IOException {
    long started = System.nanoTime();
    List<FaultLabel> faults = dataset.faults();
    Map<String, Incident> incidents = new LinkedHashMap<>();
    Consumer<List<Incident>> collect =
        batch ->
            batch.forEach(
                i -> {
                  incidents.merge(i.id(), i, (a, b) -> b.version() >= a.version() ? b : a);
                  onIncident.accept(i);
                });
    long read = 0;
    long signals = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int nextFault = 0;
    List<GraphEdge> topology = new ArrayList<>(dataset.declaredGraph());
    topology.addAll(declared);
    driver.declare(topology);
    try (SignalSource source = dataset.open()) {
      while (source.hasNext()) {
        Signal s = source.next();
        while (triggered && nextFault < faults.size() && faults.get(nextFault).time() <= s.time()) {
          driver.trigger(trigger(faults.get(nextFault++)));
        }
        read++;
        first = Math.min(first, s.time());
        last = Math.max(last, s.time());
        if (!without.contains(s.type())) {
          driver.send(s);
          signals++;
        }
        if (read % DRAIN_EVERY == 0) {
          collect.accept(driver.drainIncidents());
          progress.accept(new Progress(source.bytesRead(), source.totalBytes(), signals, s.time()));
        }
      }
      while (triggered && nextFault < faults.size()) {
        driver.trigger(trigger(faults.get(nextFault++)));
      }
      collect.accept(driver.finish());
      progress.accept(new Progress(source.totalBytes(), source.totalBytes(), signals, last));
    }
    long elapsed = (System.nanoTime() - started) / 1_000_000;
    if (scoreFrom != Long.MIN_VALUE) {
      faults = faults.stream().filter(f -> f.time() >= scoreFrom).toList();
      incidents.values().removeIf(i -> i.trigger() == null && i.openedAt() < scoreFrom);
      first = Math.max(first, scoreFrom);
    }
    double hours = read == 0 || last < first ? 0 : (last - first) / 3_600_000.0;
    return report(
        new Evaluator.Outcome(faults, incidents), elapsed, signals, hours, driver.suppressed());
  }

  private static Trigger trigger(FaultLabel f) {
    return new Trigger(f.id(), f.time(), null);
  }

  private ReplayReport report(
      Evaluator.Outcome outcome, long elapsed, long signals, double hours, long suppressed) {
    Evaluator evaluator = new Evaluator();
    Set<String> matched = new HashSet<>();
    List<ReplayReport.Case> cases = evaluator.cases(outcome, triggered, matched);
    if (triggered) {
      // false incidents are counted by the detection rule in both protocols
      matched.clear();
      evaluator.cases(outcome, false, matched);
    }
    int[] counts = Evaluator.incidentCounts(outcome, matched);
    int n = cases.size();
    return new ReplayReport(
        dataset.name(),
        triggered ? "triggered" : "detection",
        n,
        (int) cases.stream().filter(ReplayReport.Case::detected).count(),
        topK(cases, 1, n),
        topK(cases, 3, n),
        topK(cases, 5, n),
        topKService(cases, 1, n),
        topKService(cases, 3, n),
        counts[0],
        counts[1],
        elapsed,
        ranker,
        signals,
        Math.round(hours * 100) / 100.0,
        without.stream().map(t -> t.label() + "s").toList(),
        ReplayReport.Timing.of(timings.summary()),
        suppressed,
        suppression,
        new ArrayList<>(cases));
  }

  private static double topKService(List<ReplayReport.Case> cases, int k, int n) {
    if (n == 0) {
      return 0;
    }
    long hits = cases.stream().filter(c -> c.serviceRank() != null && c.serviceRank() <= k).count();
    return Math.round(hits * 10000.0 / n) / 10000.0;
  }

  private static double topK(List<ReplayReport.Case> cases, int k, int n) {
    if (n == 0) {
      return 0;
    }
    long hits = cases.stream().filter(c -> c.rank() != null && c.rank() <= k).count();
    return Math.round(hits * 10000.0 / n) / 10000.0;
  }
}
