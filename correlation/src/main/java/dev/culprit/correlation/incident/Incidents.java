package dev.culprit.correlation.incident;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds incident records from evidence and a ranking. */
final class Incidents {
  static final int MAX_EVIDENCE = 50;
  static final int MAX_ROOT_CAUSES = 5;

  private Incidents() {}

  static Incident build(
      String id,
      int version,
      String scope,
      long openedAt,
      long now,
      boolean resolved,
      List<Evidence> evidence,
      List<RootCause> ranking,
      String change,
      String trigger) {
    List<Evidence> strongest = new ArrayList<>(evidence);
    strongest.sort(Comparator.comparingDouble(Evidence::score).reversed());
    Set<EntityRef> affected = new LinkedHashSet<>();
    List<String> alerts = new ArrayList<>();
    for (Evidence e : strongest) {
      affected.add(e.entity());
      if (e.signal() == dev.culprit.model.SignalType.ALERT) {
        alerts.add(e.feature());
      }
    }
    return new Incident(
        id,
        version,
        scope,
        openedAt,
        now,
        resolved ? Incident.Status.RESOLVED : Incident.Status.OPEN,
        alerts.stream().distinct().toList(),
        strongest.subList(0, Math.min(MAX_EVIDENCE, strongest.size())),
        List.copyOf(affected),
        ranking.subList(0, Math.min(MAX_ROOT_CAUSES, ranking.size())),
        change,
        trigger);
  }
}
