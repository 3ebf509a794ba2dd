package dev.culprit.replay;

import dev.culprit.correlation.rank.RankTimings;
import dev.culprit.correlation.rank.RootCauseRanker;
import dev.culprit.correlation.rank.TimedRanker;
import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.recording.RawDataset;
import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.ingest.recording.RawSource;
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
 * Replays a labelled dataset through a pipeline driver in event-time order and scores the result. A
 * {@link RawDataset} (a recording of raw topics) is sent as raw records for the normalising stage,
 * in the order its source gives, timed by the records' Kafka timestamps. In the triggered protocol
 * each fault's start is handed to the engine as a {@link Trigger} when the replay reaches that
 * moment. Signals of the types left out (an ablation) never reach the pipeline. Rank calls of a
 * pipeline built with {@link #timed} are timed for the report.
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
    List<GraphEdge> topology = new ArrayList<>(dataset.declaredGraph());
    topology.addAll(declared);
    driver.declare(topology);
    Feed feed = new Feed(driver, faults, collect, progress);
    if (dataset instanceof RawDataset raw) {
      feedRaw(raw, feed);
    } else {
      feedSignals(feed);
    }
    long elapsed = (System.nanoTime() - started) / 1_000_000;
    long first = feed.first;
    if (scoreFrom != Long.MIN_VALUE) {
      faults = faults.stream().filter(f -> f.time() >= scoreFrom).toList();
      incidents.values().removeIf(i -> i.trigger() == null && i.openedAt() < scoreFrom);
      first = Math.max(first, scoreFrom);
    }
    double hours = feed.read == 0 || feed.last < first ? 0 : (feed.last - first) / 3_600_000.0;
    Coverage coverage =
        new Coverage(
            hours,
            feed.minutes.coveredHours(first),
            LabelAlignment.check(faults, feed.minutes, labelZone).stream().toList());
    return report(
        new Evaluator.Outcome(faults, incidents),
        elapsed,
        feed.sent,
        coverage,
        driver.suppressed());
  }

  private void feedSignals(Feed feed) throws IOException {
    try (SignalSource source = dataset.open()) {
      while (source.hasNext()) {
        Signal s = source.next();
        if (feed.next(s.time(), s.type())) {
          feed.driver.send(s);
        }
        feed.after(s.time(), source.bytesRead(), source.totalBytes());
      }
      feed.end(source.totalBytes());
    }
  }

  private static void feedRaw(RawDataset raw, Feed feed) throws IOException {
    try (RawSource source = raw.openRaw()) {
      while (source.hasNext()) {
        RawRecord r = source.next();
        if (feed.next(r.timestamp(), Formats.signalType(r.topic()))) {
          feed.driver.sendRaw(r);
        }
        feed.after(r.timestamp(), source.bytesRead(), source.totalBytes());
      }
      feed.end(source.totalBytes());
    }
  }

  /**
   * What a replay has fed so far: items read (signals, or raw records timed by their Kafka
   * timestamps) and sent, their time span and minutes; it hands triggers to the driver when their
   * time comes and drains incidents every {@link #DRAIN_EVERY} items.
   */
  private final class Feed {
    final PipelineDriver driver;
    final SignalMinutes minutes = new SignalMinutes();
    private final List<FaultLabel> faults;
    private final Consumer<List<Incident>> collect;
    private final Consumer<Progress> progress;
    long read;
    long sent;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    private int nextFault;

    Feed(
        PipelineDriver driver,
        List<FaultLabel> faults,
        Consumer<List<Incident>> collect,
        Consumer<Progress> progress) {
      this.driver = driver;
      this.faults = faults;
      this.collect = collect;
      this.progress = progress;
    }

    /**
     * Counts an item at {@code time}; whether it goes to the pipeline (its type is not left out).
     */
    boolean next(long time, SignalType type) {
      while (triggered && nextFault < faults.size() && faults.get(nextFault).time() <= time) {
        driver.trigger(trigger(faults.get(nextFault++)));
      }
      read++;
      minutes.add(time);
      first = Math.min(first, time);
      last = Math.max(last, time);
      boolean send = !without.contains(type);
      if (send) {
        sent++;
      }
      return send;
    }

    void after(long time, long bytesRead, long totalBytes) {
      if (read % DRAIN_EVERY == 0) {
        collect.accept(driver.drainIncidents());
        progress.accept(new Progress(bytesRead, totalBytes, sent, time));
      }
    }

    void end(long totalBytes) {
      while (triggered && nextFault < faults.size()) {
        driver.trigger(trigger(faults.get(nextFault++)));
      }
      collect.accept(driver.finish());
      progress.accept(new Progress(totalBytes, totalBytes, sent, last));
    }
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
        coverage.warnings(),
        dataset instanceof RawDataset ? "raw records" : "signals");
  }
}
