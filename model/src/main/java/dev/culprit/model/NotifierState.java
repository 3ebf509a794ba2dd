package dev.culprit.model;

import java.util.List;
import java.util.Objects;

/**
 * What the notifier last told one destination about one incident, as kept in {@code
 * culprit.notifier-state}.
 *
 * @param destination the destination's stable id (no secrets)
 * @param incidentId the incident id
 * @param version the incident version last delivered
 * @param status that version's status
 * @param top that version's top root-cause entities, in rank order
 * @param channel the chat channel of the first message about the incident, or null
 * @param ts the chat message id of that first message (Slack {@code ts}), or null
 * @param time when the version was delivered (epoch millis)
 */
public record NotifierState(
    String destination,
    String incidentId,
    int version,
    Incident.Status status,
    List<String> top,
    String channel,
    String ts,
    long time) {

  public NotifierState {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(status, "status");
    top = top == null ? List.of() : List.copyOf(top);
  }

  /** The record key: the destination id, a slash, the incident id. */
  public String key() {
    return key(destination, incidentId);
  }

  /** The record key for {@code incidentId} at {@code destination}. */
  public static String key(String destination, String incidentId) {
    return destination + "/" + incidentId;
  }
}
