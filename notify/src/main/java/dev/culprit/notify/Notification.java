package dev.culprit.notify;

import dev.culprit.model.Incident;
import java.util.Objects;

/**
 * One message to send about an incident version: that it opened, changed materially, or resolved.
 *
 * @param incident the incident version the message is about
 * @param kind what happened
 * @param feedbackBaseUrl where Culprit's feedback endpoint is reachable from chat (for example
 *     {@code https://culprit.example.com}), or null when no link should be offered
 * @param feedbackProof the signed query parameters ({@code exp=...&sig=...}) feedback links carry,
 *     or null for unsigned links
 */
public record Notification(
    Incident incident, Kind kind, String feedbackBaseUrl, String feedbackProof) {
  public Notification {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(kind, "kind");
  }

  /** A notification with unsigned feedback links. */
  public Notification(Incident incident, Kind kind, String feedbackBaseUrl) {
    this(incident, kind, feedbackBaseUrl, null);
  }

  /** The idempotency key of this message: one per incident version. */
  public String idempotencyKey() {
    return incident.id() + "/v" + incident.version();
  }

  /** What happened to the incident. */
  public enum Kind {
    OPENED,
    UPDATED,
    RESOLVED
  }
}
