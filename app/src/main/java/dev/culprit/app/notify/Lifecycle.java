package dev.culprit.app.notify;

import dev.culprit.app.feedback.FeedbackLinks;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, per incoming incident version, whether a {@link Notification} is due. Versions may
 * arrive twice or out of order (after a restart): a version not newer than the last notified one is
 * ignored. The first version seen opens, a resolved status resolves once, and in between an update
 * is due according to the {@link Updates} policy. State is in memory and bounded: at most {@code
 * maxIncidents} incidents (least recently seen forgotten first), and resolved incidents are
 * forgotten {@code forgetResolvedAfter} after their resolution was notified. Not thread-safe.
 */
public final class Lifecycle {
  private static final int TOP = 3;

  private final Updates updates;
  private final int maxIncidents;
  private final Duration forgetResolvedAfter;
  private final Sleeper clock;
  private final String feedbackBaseUrl;
  private final FeedbackLinks links;
  private final Map<String, State> states = new LinkedHashMap<>(16, 0.75f, true);
  private final Deque<Resolved> resolved = new ArrayDeque<>();

  /**
   * @param updates which updates are notified
   * @param maxIncidents how many incidents to remember at most
   * @param forgetResolvedAfter how long a resolved incident is remembered
   * @param clock the time source for forgetting
   * @param feedbackBaseUrl passed on to each {@link Notification}, may be null
   */
  public Lifecycle(
      Updates updates,
      int maxIncidents,
      Duration forgetResolvedAfter,
      Sleeper clock,
      String feedbackBaseUrl) {
    this(updates, maxIncidents, forgetResolvedAfter, clock, feedbackBaseUrl, null);
  }

  /** A lifecycle whose notifications carry feedback links signed by {@code links} (may be null). */
  public Lifecycle(
      Updates updates,
      int maxIncidents,
      Duration forgetResolvedAfter,
      Sleeper clock,
      String feedbackBaseUrl,
      FeedbackLinks links) {
    if (maxIncidents < 1) {
      throw new IllegalArgumentException("Invalid maxIncidents: " + maxIncidents);
    }
    this.updates = java.util.Objects.requireNonNull(updates, "updates");
    this.maxIncidents = maxIncidents;
    this.forgetResolvedAfter = forgetResolvedAfter;
    this.clock = clock;
    this.feedbackBaseUrl = feedbackBaseUrl;
    this.links = links == null ? FeedbackLinks.unsigned() : links;
  }

  /** The defaults: material updates, 100 000 incidents, resolved ones kept for an hour. */
  public static Lifecycle defaults(Sleeper clock, String feedbackBaseUrl) {
    return new Lifecycle(Updates.MATERIAL, 100_000, Duration.ofHours(1), clock, feedbackBaseUrl);
  }

  /** The notification due for this incident version, if any. */
  public Optional<Notification> next(Incident incident) {
    sweep();
    State s = states.get(incident.id());
    Notification.Kind kind = decide(s, incident);
    if (kind == null) {
      return Optional.empty();
    }
    states.put(incident.id(), new State(incident.version(), top(incident), incident.status()));
    if (kind == Notification.Kind.RESOLVED) {
      resolved.addLast(new Resolved(incident.id(), clock.now().toEpochMilli()));
    }
    while (states.size() > maxIncidents) {
      Iterator<String> eldest = states.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    String proof = feedbackBaseUrl == null ? null : links.proof(incident.id());
    return Optional.of(new Notification(incident, kind, feedbackBaseUrl, proof));
  }

  /** How many incidents are remembered. */
  public int size() {
    return states.size();
  }

  private Notification.Kind decide(State s, Incident i) {
    boolean isResolved = i.status() == Incident.Status.RESOLVED;
    if (s == null) {
      return isResolved ? Notification.Kind.RESOLVED : Notification.Kind.OPENED;
    }
    if (i.version() <= s.version()) {
      return null;
    }
    if (isResolved) {
      return s.status() == Incident.Status.RESOLVED ? null : Notification.Kind.RESOLVED;
    }
    boolean material = s.status() != i.status() || !s.top().equals(top(i));
    return switch (updates) {
      case ALL -> Notification.Kind.UPDATED;
      case MATERIAL -> material ? Notification.Kind.UPDATED : null;
      case NONE -> null;
    };
  }

  private void sweep() {
    long cutoff = clock.now().toEpochMilli() - forgetResolvedAfter.toMillis();
    while (!resolved.isEmpty() && resolved.peekFirst().at() <= cutoff) {
      Resolved r = resolved.removeFirst();
      State s = states.get(r.id());
      if (s != null && s.status() == Incident.Status.RESOLVED) {
        states.remove(r.id());
      }
    }
  }

  static List<String> top(Incident i) {
    return i.rootCauses().stream().limit(TOP).map(RootCause::entity).toList();
  }

  private record State(int version, List<String> top, Incident.Status status) {}

  private record Resolved(String id, long at) {}

  /** Which new versions of an open incident are notified. */
  public enum Updates {
    /** Every new version. */
    ALL,
    /** Only when the set or order of the top-3 root causes or the status changed. */
    MATERIAL,
    /** None: only opened and resolved. */
    NONE;

    /** Parses {@code all}, {@code material} or {@code none}. */
    public static Updates parse(String text) {
      return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
        case "all" -> ALL;
        case "material" -> MATERIAL;
        case "none" -> NONE;
        default ->
            throw new IllegalArgumentException(
                "Invalid update policy: " + text + " (expected all, material or none)");
      };
    }
  }
}
