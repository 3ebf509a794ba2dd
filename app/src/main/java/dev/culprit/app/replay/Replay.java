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
import java.time.ZoneId;
import java.time.ZoneOffset;
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
  private List<FaultLabel> labels;
  private ZoneId labelZone = ZoneOffset.UTC;
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

  /** Scores against {@code faults} (sorted by time) instead of the dataset's own labels. */
  public Replay labelledBy(List<FaultLabel> faults) {
    this.labels = List.copyOf(faults);
    return this;
  }

  /**
   * The zone label times that name none were read in: a warning about labels far from every signal
   * suggests another zone relative to it.
   */
  public Replay readingLabelsIn(ZoneId zone) {
    this.labelZone = zone;
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
    List<FaultLabel> faults = labels != null ? labels : dataset.faults();
    Map<String, Incident> incidents = new LinkedHashMap<>();
    Consumer<List<Incident>> collect =
        batch ->
            batch.forEach(
                i -> {
                  incidents.merge(
                      i.id(), Evaluator.scored(i), (a, b) -> b.version() >= a.version() ? b : a);
                  onIncident.accept(i);
                });
    SignalMinutes minutes = new SignalMinutes();
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
        minutes.add(s.time());
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
    Coverage coverage =
        new Coverage(
            hours,
            minutes.coveredHours(first),
            LabelAlignment.check(faults, minutes, labelZone).stream().toList());
    return report(
        new Evaluator.Outcome(faults, incidents), elapsed, signals, coverage, driver.suppressed());
  }

  /** The event time a replay covered, and what was noticed about its labels. */
  private record Coverage(double hours, double signalHours, List<String> warnings) {}

  private static Trigger trigger(FaultLabel f) {
    return new Trigger(f.id(), f.time(), null);
  }

  private ReplayReport report(
      Evaluator.Outcome outcome, long elapsed, long signals, Coverage coverage, long suppressed) {
    Evaluator evaluator = new Evaluator();
    Set<String> matched = new HashSet<>();
    List<ReplayReport.Case> cases = evaluator.cases(outcome, triggered, matched);
    if (triggered) {
      // false incidents are counted by the detection rule in both protocols
      matched.clear();
      evaluator.cases(outcome, false, matched);
    }
    int[] counts = Evaluator.incidentCounts(outcome, matched);
    double signalHours = Math.round(coverage.signalHours() * 100) / 100.0;
    return new ReplayReport(
        dataset.name(),
        triggered ? "triggered" : "detection",
        cases.size(),
        CaseScores.detected(cases),
        CaseScores.topK(cases, 1),
        CaseScores.topK(cases, 3),
        CaseScores.topK(cases, 5),
        CaseScores.topKService(cases, 1),
        CaseScores.topKService(cases, 3),
        counts[0],
        counts[1],
        elapsed,
        ranker,
        signals,
        Math.round(coverage.hours() * 100) / 100.0,
        without.stream().map(t -> t.label() + "s").toList(),
        ReplayReport.Timing.of(timings.summary()),
        suppressed,
        suppression,
        new ArrayList<>(cases),
        signalHours,
        signalHours > 0 ? Math.round(counts[1] * 100 / signalHours) / 100.0 : 0,
        CaseScores.byKind(cases),
        coverage.warnings());
  }
}
