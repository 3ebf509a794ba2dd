package dev.culprit.correlation.suppress;

import dev.culprit.model.EntityKind;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The features an alert or anomaly is clustered on. None names a service, metric or template: the
 * kind of signal (its evidence family), the kind of entity, the direction, how strong and how long,
 * when (hour of day and day of week), how often it flapped and recurred, how many entities showed
 * trouble at the same time, and how connected its entity is. A model fitted on one system can
 * therefore judge another.
 */
public final class AlertFeatures {
  private static final EntityKind[] KINDS = {
    EntityKind.SERVICE, EntityKind.INSTANCE, EntityKind.NODE
  };

  /** Indices of the categorical (one-hot) features; the rest are numeric. */
  private static final List<String> NAMES;

  private static final boolean[] CATEGORICAL;

  static {
    List<String> names = new ArrayList<>();
    for (EvidenceFamily f : EvidenceFamily.values()) {
      names.add("family=" + f.name().toLowerCase(java.util.Locale.ROOT));
    }
    for (EntityKind k : KINDS) {
      names.add("entity=" + k.label());
    }
    for (Evidence.Direction d : Evidence.Direction.values()) {
      names.add("direction=" + d.name().toLowerCase(java.util.Locale.ROOT));
    }
    int categorical = names.size();
    names.addAll(
        List.of(
            "log score",
            "log minutes running",
            "hour of day (sin)",
            "hour of day (cos)",
            "day of week (sin)",
            "day of week (cos)",
            "log starts in the last hour",
            "log minutes seen in the last 4 h",
            "log entities with evidence nearby",
            "log graph degree"));
    NAMES = List.copyOf(names);
    CATEGORICAL = new boolean[names.size()];
    for (int i = 0; i < categorical; i++) {
      CATEGORICAL[i] = true;
    }
  }

  private AlertFeatures() {}

  /** The feature names, in vector order. */
  public static List<String> names() {
    return NAMES;
  }

  /** Whether feature {@code i} is one-hot (kept as 0/1) rather than numeric (standardised). */
  public static boolean categorical(int i) {
    return CATEGORICAL[i];
  }

  /** The feature vector of {@code e} in its {@code context}. */
  public static double[] of(Evidence e, FeatureHistory.Context context) {
    double[] x = new double[NAMES.size()];
    int i = 0;
    x[i + e.family().ordinal()] = 1;
    i += EvidenceFamily.values().length;
    EntityKind kind = e.entity().kind();
    for (EntityKind k : KINDS) {
      x[i++] = k == kind ? 1 : 0;
    }
    x[i + e.direction().ordinal()] = 1;
    i += Evidence.Direction.values().length;
    ZonedDateTime t = Instant.ofEpochMilli(e.time()).atZone(ZoneOffset.UTC);
    double hour = (t.getHour() + t.getMinute() / 60.0) / 24.0 * 2 * Math.PI;
    double day = (t.getDayOfWeek().getValue() - 1) / 7.0 * 2 * Math.PI;
    x[i++] = Math.log1p(Math.max(0, e.score()));
    x[i++] = Math.log1p(Math.max(0, e.time() - e.onset()) / 60_000.0);
    x[i++] = Math.sin(hour);
    x[i++] = Math.cos(hour);
    x[i++] = Math.sin(day);
    x[i++] = Math.cos(day);
    x[i++] = Math.log1p(context.startsLastHour());
    x[i++] = Math.log1p(context.minutesLast4h());
    x[i++] = Math.log1p(context.entitiesNearby());
    x[i] = Math.log1p(context.degree());
    return x;
  }
}
