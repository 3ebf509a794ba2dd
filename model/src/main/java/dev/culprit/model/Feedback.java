package dev.culprit.model;

/**
 * A person's verdict on an incident, for the next model training. Written to {@code
 * culprit.feedback}, keyed by incident id.
 *
 * <p>Identifiers are stripped of surrounding blanks; a blank {@code rootCause}, {@code author} or
 * {@code note} is null.
 *
 * @param incidentId the incident the verdict is about
 * @param kind a false positive, or the root cause confirmed or corrected
 * @param rootCause for {@link Kind#ROOT_CAUSE}, the entity that was at fault (a service, pod or
 *     node name such as {@code ts-route-service}); null for {@link Kind#FALSE_POSITIVE}
 * @param author who gave it, or null
 * @param note free text, or null
 * @param time when it was given (epoch millis)
 */
public record Feedback(
    String incidentId, Kind kind, String rootCause, String author, String note, long time) {

  public Feedback {
    incidentId = incidentId == null ? null : incidentId.strip();
    rootCause = blankToNull(rootCause);
    author = blankToNull(author);
    note = blankToNull(note);
    if (incidentId == null || incidentId.isEmpty()) {
      throw new IllegalArgumentException("Invalid incidentId: it must not be blank");
    }
    if (kind == null) {
      throw new IllegalArgumentException("Invalid kind: FALSE_POSITIVE or ROOT_CAUSE is required");
    }
    if (kind == Kind.ROOT_CAUSE && rootCause == null) {
      throw new IllegalArgumentException("Invalid rootCause: ROOT_CAUSE needs the entity at fault");
    }
    if (kind == Kind.FALSE_POSITIVE && rootCause != null) {
      throw new IllegalArgumentException(
          "Invalid rootCause: a FALSE_POSITIVE names no root cause, got " + rootCause);
    }
    if (time < 0) {
      throw new IllegalArgumentException("Invalid time: " + time);
    }
  }

  /** A false-positive verdict. */
  public static Feedback falsePositive(String incidentId, String author, String note, long time) {
    return new Feedback(incidentId, Kind.FALSE_POSITIVE, null, author, note, time);
  }

  /** A verdict naming the entity at fault. */
  public static Feedback rootCause(
      String incidentId, String entity, String author, String note, long time) {
    return new Feedback(incidentId, Kind.ROOT_CAUSE, entity, author, note, time);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** What the verdict says. */
  public enum Kind {
    /** The incident was not a real problem. */
    FALSE_POSITIVE,
    /** The incident was real and {@code rootCause} names the entity at fault. */
    ROOT_CAUSE
  }
}
