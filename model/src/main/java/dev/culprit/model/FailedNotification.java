package dev.culprit.model;

import java.util.Objects;

/**
 * A notification Culprit gave up delivering, as written to {@code culprit.notify.dlq}.
 *
 * @param destination the destination, secrets redacted
 * @param idempotencyKey the notification's idempotency key ({@code id/vN})
 * @param incidentId the incident id
 * @param version the incident version
 * @param attempts how many sends were tried
 * @param reason why the last attempt failed, or why none was made
 * @param time when Culprit gave up (epoch millis)
 */
public record FailedNotification(
    String destination,
    String idempotencyKey,
    String incidentId,
    int version,
    int attempts,
    String reason,
    long time) {

  public FailedNotification {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    reason = reason == null ? "" : reason;
  }
}
