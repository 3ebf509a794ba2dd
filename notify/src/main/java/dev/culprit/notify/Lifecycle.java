package dev.culprit.notify;

import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.model.Incident;
import dev.culprit.model.NotifierState;
import dev.culprit.model.RootCause;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * forgotten {@code forgetResolvedAfter} after their resolution was notified; what it forgets is
 * reported by {@link #forgotten()}. It is {@linkplain #restore restored} from what was delivered
 * before a restart. Not thread-safe.
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
  private final List<String> forgotten = new ArrayList<>();

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

  /** The notification due for this incident version, if any, remembered as announced. */
  public Optional<Notification> next(Incident incident) {
    Optional<Notification> n = due(incident);
    n.ifPresent(this::announced);
    return n;
  }

  /** The notification due for this incident version, if any, not yet remembered. */
  public Optional<Notification> due(Incident incident) {
    sweep();
    Notification.Kind kind = decide(states.get(incident.id()), incident);
    if (kind == null) {
      return Optional.empty();
    }
    String proof = feedbackBaseUrl == null ? null : links.proof(incident.id());
    return Optional.of(new Notification(incident, kind, feedbackBaseUrl, proof));
  }

  /** Remembers that {@code n}, due by {@link #due}, was announced. */
  public void announced(Notification n) {
    Incident incident = n.incident();
    states.put(incident.id(), new State(incident.version(), top(incident), incident.status()));
    if (n.kind() == Notification.Kind.RESOLVED) {
      resolved.addLast(new Resolved(incident.id(), clock.now().toEpochMilli()));
    }
    evictBeyondMax();
  }

  /**
   * Remembers a version announced before a restart, unless a newer one is remembered. Restore
   * oldest first: resolved incidents are forgotten {@code forgetResolvedAfter} after {@code
   * s.time()}.
   */
  public void restore(NotifierState s) {
    State known = states.get(s.incidentId());
    if (known != null && known.version() >= s.version()) {
      return;
    }
    states.put(s.incidentId(), new State(s.version(), s.top(), s.status()));
    if (s.status() == Incident.Status.RESOLVED) {
      resolved.addLast(new Resolved(s.incidentId(), s.time()));
    }
    evictBeyondMax();
  }

  /** The ids of the incidents forgotten since the last call, to forget elsewhere too. */
  public List<String> forgotten() {
    List<String> out = List.copyOf(forgotten);
    forgotten.clear();
    return out;
  }

  /** A lifecycle with the same settings that remembers nothing yet. */
  public Lifecycle fresh() {
    return new Lifecycle(updates, maxIncidents, forgetResolvedAfter, clock, feedbackBaseUrl, links);
  }

  private void evictBeyondMax() {
    while (states.size() > maxIncidents) {
      Iterator<String> eldest = states.keySet().iterator();
      forgotten.add(eldest.next());
      eldest.remove();
    }
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
        forgotten.add(r.id());
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
