package dev.culprit.topology.stage;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link GraphStage}.
 *
 * @param traceTtl how long spans of one trace are kept waiting for their parent or children
 * @param flushInterval how often batched edge observations are written out (stream time)
 * @param membershipRefresh how often an instance-of or hosted-on edge is re-observed
 * @param edgeExpiry learned edges not observed for this long leave the graph rankers see; longer
 *     than {@code membershipRefresh}
 */
public record GraphStageConfig(
    Duration traceTtl, Duration flushInterval, Duration membershipRefresh, Duration edgeExpiry) {
  public GraphStageConfig {
    Objects.requireNonNull(traceTtl, "traceTtl");
    Objects.requireNonNull(flushInterval, "flushInterval");
    Objects.requireNonNull(membershipRefresh, "membershipRefresh");
    Objects.requireNonNull(edgeExpiry, "edgeExpiry");
    if (!traceTtl.isPositive()
        || !flushInterval.isPositive()
        || !membershipRefresh.isPositive()
        || edgeExpiry.compareTo(membershipRefresh) <= 0) {
      throw new IllegalArgumentException(
          "Invalid graph stage durations: must be positive, expiry longer than the refresh");
    }
  }

  public static GraphStageConfig defaults() {
    return new GraphStageConfig(
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        Duration.ofHours(24));
  }
}
