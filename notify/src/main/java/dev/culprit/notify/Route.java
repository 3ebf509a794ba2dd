package dev.culprit.notify;

import dev.culprit.model.Alert;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which notifications a destination receives: every one, or those of one scope and at least some
 * severity. An incident's severity is the most urgent severity among its alert evidence; an
 * incident without alerts counts as {@code warning}.
 *
 * @param scope the incident scope that must match exactly, or null for any
 * @param minSeverity the least urgent severity let through, or null for any
 */
public record Route(String scope, Alert.Severity minSeverity) implements Predicate<Notification> {
  /** Lets everything through. */
  public static final Route ALL = new Route(null, null);

  @Override
  public boolean test(Notification n) {
    Incident i = n.incident();
    if (scope != null && !scope.equals(i.scope())) {
      return false;
    }
    return minSeverity == null || severity(i).ordinal() <= minSeverity.ordinal();
  }

  /** The most urgent alert severity in the incident's evidence, else {@code WARNING}. */
  static Alert.Severity severity(Incident i) {
    Alert.Severity best = null;
    for (Evidence e : i.evidence()) {
      Alert.Severity s = e.alertSeverity();
      if (s != null && (best == null || s.ordinal() < best.ordinal())) {
        best = s;
      }
    }
    return best == null ? Alert.Severity.WARNING : best;
  }

  static Alert.Severity parseSeverity(String text) {
    try {
      return Alert.Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    if (this.equals(ALL)) {
      return "";
    }
    StringBuilder b = new StringBuilder("?");
    if (scope != null) {
      b.append("scope=").append(scope);
    }
    if (minSeverity != null) {
      b.append(b.length() > 1 ? "&" : "")
          .append("severity=")
          .append(minSeverity.name().toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }
}
