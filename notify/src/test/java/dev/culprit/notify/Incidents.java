package dev.culprit.notify;

import dev.culprit.model.EntityKind;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Incident;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import java.util.Arrays;
import java.util.List;

/** Incident versions for tests. */
final class Incidents {
  private Incidents() {}

  static Incident open(String id, int version, String... causes) {
    return of(id, version, "prod", Incident.Status.OPEN, null, List.of(), causes);
  }

  static Incident resolved(String id, int version, String... causes) {
    return of(id, version, "prod", Incident.Status.RESOLVED, null, List.of(), causes);
  }

  static Incident of(
      String id,
      int version,
      String scope,
      Incident.Status status,
      String trigger,
      List<Evidence> evidence,
      String... causes) {
    List<RootCause> rc =
        Arrays.stream(causes)
            .map(c -> new RootCause(c, EntityKind.SERVICE, c, 1.0 / version, List.of(), ""))
            .toList();
    return new Incident(
        id,
        version,
        scope,
        1000,
        1000L + version,
        status,
        List.of(),
        evidence,
        List.of(),
        rc,
        "v" + version,
        trigger,
        null);
  }

  static Evidence alert(String service, String severity) {
    return new Evidence(
        Resource.ofService(service),
        SignalType.ALERT,
        EvidenceFamily.ALERT,
        "HighErrorRate",
        40,
        1,
        0,
        Evidence.Direction.NEW,
        1000,
        1000,
        "alert HighErrorRate (" + severity + ")",
        dev.culprit.model.Alert.Severity.valueOf(severity.toUpperCase(java.util.Locale.ROOT)),
        List.of(),
        null);
  }

  static Notification note(Incident i, Notification.Kind kind) {
    return new Notification(i, kind, null);
  }
}
