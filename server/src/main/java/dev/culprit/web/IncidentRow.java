package dev.culprit.web;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import dev.culprit.notify.MessageContent;
import java.util.List;

/**
 * One line of the incident list, as the page renders it and as the live stream sends it.
 *
 * @param id incident id
 * @param version its version
 * @param status {@code OPEN} or {@code RESOLVED}
 * @param severity by the rule of {@link MessageContent}
 * @param scope its scope
 * @param opened when it opened, ISO-8601
 * @param updated when this version was recorded, ISO-8601
 * @param topCause the most probable root cause, or null
 * @param topScore its score, or 0
 * @param affected the first {@value #AFFECTED} affected entity keys
 * @param moreAffected how many affected entities are left out
 */
public record IncidentRow(
    String id,
    int version,
    String status,
    String severity,
    String scope,
    String opened,
    String updated,
    String topCause,
    double topScore,
    List<String> affected,
    int moreAffected) {
  static final int AFFECTED = 5;

  public IncidentRow {
    affected = List.copyOf(affected);
  }

  /** The row of {@code i}. */
  public static IncidentRow of(Incident i) {
    RootCause top = i.rootCauses().isEmpty() ? null : i.rootCauses().getFirst();
    List<String> affected = i.affected().stream().limit(AFFECTED).map(EntityRef::key).toList();
    return new IncidentRow(
        i.id(),
        i.version(),
        i.status().name(),
        MessageContent.severity(i).name(),
        i.scope(),
        Html.time(i.openedAt()),
        Html.time(i.updatedAt()),
        top == null ? null : top.ref().key(),
        top == null ? 0 : top.score(),
        affected,
        Math.max(0, i.affected().size() - AFFECTED));
  }
}
