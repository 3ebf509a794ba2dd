package dev.culprit.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@code culprit bench} measured; written as JSON by {@code --report}.
 *
 * @param records raw records in the input
 * @param phases records/s of each phase, in the order they ran
 * @param normalizeRatio the normalising stage's throughput over the pass-through app's
 * @param fullRatio the full pipeline's throughput over the pass-through app's
 * @param latency event → incident latency after the window closes
 * @param heapPeakBytes peak heap in use, sampled every 100 ms
 * @param heapMaxBytes the heap limit
 * @param rssPeakBytes peak resident set size of the process
 */
public record BenchReport(
    long records,
    List<Phase> phases,
    @JsonProperty("normalize_ratio") double normalizeRatio,
    @JsonProperty("full_ratio") double fullRatio,
    Latency latency,
    @JsonProperty("heap_peak_bytes") long heapPeakBytes,
    @JsonProperty("heap_max_bytes") long heapMaxBytes,
    @JsonProperty("rss_peak_bytes") long rssPeakBytes) {

  /**
   * One phase.
   *
   * @param name {@code pass-through}, {@code normalize} or {@code full-pipeline}
   * @param millis from start until every input and repartition record was committed
   * @param recordsPerSecond raw records over that time
   */
  public record Phase(
      String name, long millis, @JsonProperty("records_per_second") double recordsPerSecond) {}

  /**
   * Latency of incident versions, in milliseconds (nearest-rank percentiles).
   *
   * @param incidents incident versions timed
   * @param rate records/s sent during the latency run
   */
  public record Latency(
      int incidents,
      @JsonProperty("p50_ms") double p50,
      @JsonProperty("p99_ms") double p99,
      @JsonProperty("max_ms") double max,
      @JsonProperty("records_per_second") double rate) {}

  static BenchReport of(
      long records,
      List<StreamsPhase.Result> results,
      LatencyPhase.Result latency,
      MemoryWatch.Peak memory) {
    List<Phase> phases =
        results.stream()
            .map(r -> new Phase(r.name(), r.millis(), Math.round(r.recordsPerSecond())))
            .toList();
    double passThrough = rate(phases, Bench.PASS_THROUGH);
    return new BenchReport(
        records,
        phases,
        ratio(rate(phases, Bench.NORMALIZE), passThrough),
        ratio(rate(phases, Bench.FULL), passThrough),
        new Latency(
            latency.incidents(),
            latency.p50(),
            latency.p99(),
            latency.max(),
            Math.round(latency.rate())),
        memory.heapBytes(),
        memory.maxHeapBytes(),
        memory.rssBytes());
  }

  private static double rate(List<Phase> phases, String name) {
    return phases.stream()
        .filter(p -> p.name().equals(name))
        .mapToDouble(Phase::recordsPerSecond)
        .findFirst()
        .orElse(0);
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : Math.round(a / b * 1000) / 1000.0;
  }
}
