package dev.culprit.notify;

/**
 * What the notifier reports about its work, for metrics: each incident it sees opened, and the
 * outcome of each delivery attempt by destination kind. The methods run on the notifier's and the
 * deliveries' threads and must return quickly.
 */
public interface NotifyObserver {
  /** Reports nothing. */
  NotifyObserver NONE = new NotifyObserver() {};

  /** How one attempt to deliver a notification ended. */
  enum Outcome {
    /** The destination took it. */
    DELIVERED,
    /** It failed in a way worth retrying, and will be retried. */
    RETRIED,
    /** It failed for good and went to {@code culprit.notify.dlq}. */
    GAVE_UP
  }

  /** The notifier saw an incident's first version that opened it. */
  default void incidentOpened() {}

  /** A notification to a destination of {@code kind} ended as {@code outcome}. */
  default void notification(TargetKind kind, Outcome outcome) {}
}
