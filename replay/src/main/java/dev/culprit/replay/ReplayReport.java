package dev.culprit.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.culprit.correlation.rank.RankTimings;
import java.util.List;

/**
 * The replay report. Its keys are a stable schema: users compare runs with it.
 *
 * @param dataset dataset family
 * @param protocol {@code detection} or {@code triggered}
 * @param faults labelled faults
 * @param detected faults matched with an incident
 * @param top1 fraction of all faults whose truth ranks first
 * @param top3 fraction of all faults whose truth ranks in the top three
 * @param top5 fraction of all faults whose truth ranks in the top five
 * @param top1Service like top1, with both sides mapped to their service
 * @param top3Service like top3, with both sides mapped to their service
 * @param incidents incidents the engine opened by itself
 * @param falseIncidents incidents that matched no fault
 * @param elapsedMs wall time of the replay
 * @param ranker the ranker used
 * @param signals signals replayed (raw records, for a recording; see {@code input})
 * @param replayedHours event time from the first signal to the last
 * @param without signal types left out before the pipeline (an ablation), plural labels
 * @param rankingMs wall-clock time of the ranker's calls
 * @param suppressed evidence items held back from opening incidents (duplicates, flapping, or
 *     learned noise), published to {@code culprit.suppressed}
 * @param suppression what suppressed them: {@code off}, {@code rules} (duplicates and flapping), or
 *     {@code model VERSION} (the rules and a noise model)
 * @param cases one per fault
 * @param signalHours event time the signals cover: minutes with signals and gaps of at most five
 *     minutes between them (a stray timestamp or a stretch without data does not count)
 * @param falseIncidentsPerHour false incidents per hour of {@code signalHours}
 * @param byKind the scores of the faults of each kind, sorted by kind
 * @param warnings what the replay noticed about its input, such as labels far from every signal
 * @param input what {@code signals} counts: {@code signals}, or {@code raw records} for a recording
 *     of raw topics replayed through the normalising stage (times are then the records' Kafka
 *     timestamps)
 */
public record ReplayReport(
    String dataset,
    String protocol,
    int faults,
    int detected,
    double top1,
    double top3,
    double top5,
    @JsonProperty("top1_service") double top1Service,
    @JsonProperty("top3_service") double top3Service,
    int incidents,
    @JsonProperty("false_incidents") int falseIncidents,
    @JsonProperty("elapsed_ms") long elapsedMs,
    String ranker,
    long signals,
    @JsonProperty("replayed_hours") double replayedHours,
    List<String> without,
    @JsonProperty("ranking_ms") Timing rankingMs,
    long suppressed,
    String suppression,
    List<Case> cases,
    @JsonProperty("signal_hours") double signalHours,
    @JsonProperty("false_incidents_per_hour") double falseIncidentsPerHour,
    @JsonProperty("by_kind") List<KindScore> byKind,
    List<String> warnings,
    String input) {

  public ReplayReport {
    without = without == null ? List.of() : List.copyOf(without);
    rankingMs = rankingMs == null ? new Timing(0, 0, 0, 0) : rankingMs;
    byKind = byKind == null ? List.of() : List.copyOf(byKind);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** This report with its wall-clock figures zeroed, to compare the outcomes of two runs. */
  public ReplayReport withoutTimings() {
    return new ReplayReport(
        dataset,
        protocol,
        faults,
        detected,
        top1,
        top3,
        top5,
        top1Service,
        top3Service,
        incidents,
        falseIncidents,
        0,
        ranker,
        signals,
        replayedHours,
        without,
        new Timing(rankingMs.count(), 0, 0, 0),
        suppressed,
        suppression,
        cases,
        signalHours,
        falseIncidentsPerHour,
        byKind,
        warnings,
        input);
  }

  /**
   * The scores of the faults of one kind; fractions are of this kind's faults.
   *
   * @param kind fault kind
   * @param faults labelled faults of the kind
   * @param detected of them matched with an incident
   * @param top1 fraction whose truth ranks first
   * @param top3 fraction whose truth ranks in the top three
   * @param top1Service like top1, with both sides mapped to their service
   * @param top3Service like top3, with both sides mapped to their service
   */
  public record KindScore(
      String kind,
      int faults,
      int detected,
      double top1,
      double top3,
      @JsonProperty("top1_service") double top1Service,
      @JsonProperty("top3_service") double top3Service) {}

  /**
   * Wall-clock milliseconds of rank calls (nearest-rank percentiles).
   *
   * @param count rank calls
   * @param p50 median
   * @param p99 99th percentile
   * @param max longest
   */
  public record Timing(long count, double p50, double p99, double max) {
    static Timing of(RankTimings.Summary s) {
      return new Timing(s.count(), s.p50(), s.p99(), s.max());
    }
  }

  /**
   * One labelled fault and how the engine did on it.
   *
   * @param id fault id
   * @param truth root-cause entity at the dataset's level
   * @param kind fault type
   * @param time fault start (ISO-8601)
   * @param ranking the engine's root causes, most probable first (at most five)
   * @param rank 1-based rank of the truth at its own level, or null
   * @param serviceRank 1-based rank of the truth's service among the root causes' services, or null
   * @param detected whether an incident matched
   * @param incident the matched incident id, or null
   */
  public record Case(
      String id,
      String truth,
      String kind,
      String time,
      List<String> ranking,
      Integer rank,
      @JsonProperty("service_rank") Integer serviceRank,
      boolean detected,
      String incident) {}
}
