package dev.culprit.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * Anomaly evidence about one entity from one signal: a metric, a log template or an operation that
 * departs from the entity's learned history. Feature and detail are kept within {@link Limits}.
 *
 * @param resource the entity (and what it belongs to)
 * @param signal the modality the evidence comes from
 * @param family what the evidence measures, set by its detector (null only in records written
 *     before this field existed, read by {@link EvidenceFamily#legacy})
 * @param feature the metric name, log template or operation
 * @param score strength of the departure (robust z-score or equivalent, always positive)
 * @param value the observed value in the window
 * @param baseline the expected value from history
 * @param direction whether the value went up or down
 * @param onset when the departure started (epoch millis)
 * @param time the end of the window that produced this evidence (epoch millis)
 * @param detail a short human-readable description
 * @param severity the severity the source declared (an alert's, a log template's), else null
 * @param links where a person looks next: runbooks, dashboards, example traces (at most {@link
 *     #MAX_LINKS})
 * @param suppression why the item may not open an incident on its own, or null when it may
 */
public record Evidence(
    Resource resource,
    SignalType signal,
    EvidenceFamily family,
    String feature,
    double score,
    double value,
    double baseline,
    Direction direction,
    long onset,
    long time,
    String detail,
    Alert.Severity severity,
    List<Link> links,
    Suppression suppression) {

  /** The most links one item carries. */
  public static final int MAX_LINKS = 5;

  public Evidence {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(feature, "feature");
    feature = Limits.clip(feature, Limits.FEATURE_CHARS);
    family = family == null ? EvidenceFamily.legacy(signal, feature) : family;
    direction = direction == null ? Direction.UP : direction;
    detail = detail == null ? "" : Limits.clip(detail, Limits.TEXT_CHARS);
    links =
        links == null
            ? List.of()
            : links.stream().filter(Objects::nonNull).limit(MAX_LINKS).toList();
  }

  /** Evidence with no declared severity and no links that no suppression rule has held back. */
  public Evidence(
      Resource resource,
      SignalType signal,
      EvidenceFamily family,
      String feature,
      double score,
      double value,
      double baseline,
      Direction direction,
      long onset,
      long time,
      String detail) {
    this(
        resource, signal, family, feature, score, value, baseline, direction, onset, time, detail,
        null, List.of(), null);
  }

  /** This evidence with {@code s} as its suppression decision (null lifts it). */
  public Evidence withSuppression(Suppression s) {
    return new Evidence(
        resource, signal, family, feature, score, value, baseline, direction, onset, time, detail,
        severity, links, s);
  }

  /**
   * This evidence with its score, value, baseline, onset, time and detail replaced (a detector
   * restating what it found), family, severity and links kept.
   */
  public Evidence restated(
      double score, double value, double baseline, long onset, long time, String detail) {
    return new Evidence(
        resource,
        signal,
        family,
        feature,
        score,
        value,
        baseline,
        direction,
        onset,
        time,
        detail,
        severity,
        links,
        suppression);
  }

  /** Whether a suppression rule has held this evidence back from opening incidents. */
  @JsonIgnore
  public boolean suppressed() {
    return suppression != null;
  }

  /** The severity of an alert, null for evidence of other signals. */
  @JsonIgnore
  public Alert.Severity alertSeverity() {
    return signal == SignalType.ALERT ? severity : null;
  }

  @JsonIgnore
  public EntityRef entity() {
    return resource.primary();
  }

  /**
   * A place to look: a URL (runbook, dashboard, the alert's source) or a trace id, with a label.
   *
   * @param label what a person reads, e.g. {@code runbook} or {@code trace 4bf9…}
   * @param url the address, or null for a trace link
   * @param traceId the trace, or null for a URL link
   */
  public record Link(String label, String url, String traceId) {
    public Link {
      label = label == null ? "" : Limits.clip(label, Limits.FEATURE_CHARS);
      url = url == null ? null : Limits.clip(url, Limits.TEXT_CHARS);
      if (url == null && traceId == null) {
        throw new IllegalArgumentException("Invalid link: neither url nor trace id");
      }
    }

    /** A link to trace {@code traceId}. */
    public static Link trace(String traceId) {
      return new Link("trace " + traceId, null, traceId);
    }
  }

  /** Direction of a departure from baseline. */
  public enum Direction {
    UP,
    DOWN,
    NEW
  }
}
