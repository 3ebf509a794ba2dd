package dev.culprit.correlation.incident;

import dev.culprit.correlation.rank.RankerOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link IncidentStage}.
 *
 * @param window the evidence window size (to date an incident's start from its first window)
 * @param openLevel the excess of evidence over an entity's usual level (see {@code Excess}) that
 *     opens an incident
 * @param sustainLevel the excess that keeps an open incident open
 * @param quietPeriod an incident resolves after this long without such evidence
 * @param lookback evidence this long before opening still counts towards the ranking
 * @param retention how long evidence is kept for rankings and triggers
 * @param triggerHorizon a trigger for time T ranks evidence up to T + horizon; an incident opened
 *     at T ranks evidence up to T + horizon too, since what follows the onset is mostly propagation
 * @param background how much evidence before an incident shows rankers what is usual
 * @param alertHistory how long rankers remember in which minutes each alert fired, to tell rare
 *     alerts from ones that fire all the time, and how long the stage remembers how far each metric
 *     jumped, to tell jumps of a new size from ones that recur (see {@code MetricRecurrence})
 * @param opening what must agree, beyond the level, before an incident opens
 * @param fusion how evidence is fused into a candidate's strength, for opening incidents and for
 *     Culprit's ranker alike
 * @param alertHold how long a firing alert that names no end keeps the incident that holds it open
 *     after it was sent: Alertmanager sends firing alerts without an end and re-sends them at least
 *     every {@code repeat_interval} (4 h by default), and sends them resolved when they end
 * @param grouping what makes evidence part of one incident: all of a scope's ({@link
 *     Grouping#SCOPE}, one incident open per scope at a time) or only what the entity graph
 *     connects ({@link Grouping#GRAPH}: trouble with no path to an open incident's entities opens
 *     its own)
 */
public record IncidentConfig(
    Duration window,
    double openLevel,
    double sustainLevel,
    Duration quietPeriod,
    Duration lookback,
    Duration retention,
    Duration triggerHorizon,
    Duration background,
    Duration alertHistory,
    OpeningPolicy opening,
    RankerOptions fusion,
    Duration alertHold,
    Grouping grouping) {

  /** What makes evidence part of one incident. */
  public enum Grouping {
    /** Everything in the scope: one incident open at a time. */
    SCOPE,
    /** Entities with a path between them in the entity graph; unrelated trouble opens its own. */
    GRAPH
  }

  /** The most incidents open at once in one scope; trouble elsewhere waits until one resolves. */
  public static final int MAX_OPEN = 16;

  public IncidentConfig {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(quietPeriod, "quietPeriod");
    Objects.requireNonNull(lookback, "lookback");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(triggerHorizon, "triggerHorizon");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(alertHistory, "alertHistory");
    opening = opening == null ? OpeningPolicy.levelOnly() : opening;
    fusion = fusion == null ? RankerOptions.defaults() : fusion;
    Objects.requireNonNull(alertHold, "alertHold");
    grouping = grouping == null ? Grouping.SCOPE : grouping;
    if (alertHold.isNegative()) {
      throw new IllegalArgumentException("Invalid alertHold: " + alertHold);
    }
    if (alertHistory.toMinutes() < 1) {
      throw new IllegalArgumentException("Invalid alertHistory: under a minute");
    }
    if (!(openLevel > 0) || !(sustainLevel > 0) || sustainLevel > openLevel) {
      throw new IllegalArgumentException(
          "Invalid open/sustain levels: " + openLevel + "/" + sustainLevel);
    }
    if (retention.compareTo(lookback.plus(triggerHorizon).plus(background)) < 0) {
      throw new IllegalArgumentException(
          "Invalid retention: shorter than lookback + horizon + background");
    }
  }

  public static IncidentConfig defaults() {
    return new IncidentConfig(
        Duration.ofMinutes(1),
        2.5,
        2.0,
        Duration.ofMinutes(2),
        Duration.ofMinutes(2),
        Duration.ofMinutes(60),
        Duration.ofMinutes(5),
        Duration.ofMinutes(30),
        Duration.ofHours(4),
        OpeningPolicy.levelOnly(),
        RankerOptions.defaults(),
        Duration.ofHours(4),
        Grouping.SCOPE);
  }

  /** These settings with {@code g} deciding what makes evidence part of one incident. */
  public IncidentConfig withGrouping(Grouping g) {
    return new IncidentConfig(
        window,
        openLevel,
        sustainLevel,
        quietPeriod,
        lookback,
        retention,
        triggerHorizon,
        background,
        alertHistory,
        opening,
        fusion,
        alertHold,
        g);
  }

  /** These settings with {@code policy} deciding what must agree before an incident opens. */
  public IncidentConfig withOpening(OpeningPolicy policy) {
    return new IncidentConfig(
        window,
        openLevel,
        sustainLevel,
        quietPeriod,
        lookback,
        retention,
        triggerHorizon,
        background,
        alertHistory,
        policy,
        fusion,
        alertHold,
        grouping);
  }

  /** These settings with {@code options} for fusing evidence (opening and ranking). */
  public IncidentConfig withFusion(RankerOptions options) {
    return new IncidentConfig(
        window,
        openLevel,
        sustainLevel,
        quietPeriod,
        lookback,
        retention,
        triggerHorizon,
        background,
        alertHistory,
        opening,
        options,
        alertHold,
        grouping);
  }
}
