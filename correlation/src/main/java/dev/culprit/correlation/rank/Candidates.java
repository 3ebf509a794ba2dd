package dev.culprit.correlation.rank;

import dev.culprit.model.EntityKind;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Groups evidence by the root-cause candidate it speaks for. */
final class Candidates {
  private Candidates() {}

  /**
   * The candidate an evidence item speaks for: the service of an instance (services are the level
   * the first ranker reports), else the named entity.
   */
  static EntityRef candidateOf(Evidence e, EntityGraph graph) {
    Resource r = e.resource();
    if (r.service() != null) {
      return EntityRef.service(r.service());
    }
    EntityRef primary = r.primary();
    if (primary.kind() == EntityKind.INSTANCE) {
      return graph.serviceOf(primary);
    }
    return primary;
  }

  /**
   * Whether the evidence is about calls the entity makes to others (client-side latency, by the
   * common naming convention of {@code client} metrics): a symptom of its callees, never by itself
   * a reason to blame the entity.
   */
  static boolean outbound(Evidence e) {
    if (e.signal() != SignalType.METRIC) {
      return false;
    }
    String f = e.feature().toLowerCase(Locale.ROOT);
    return f.contains("client") && (f.contains("latency") || f.contains("duration"));
  }

  static Map<EntityRef, List<Evidence>> group(List<Evidence> evidence, EntityGraph graph) {
    Map<EntityRef, List<Evidence>> out = new LinkedHashMap<>();
    for (Evidence e : evidence) {
      if (outbound(e)) {
        continue;
      }
      out.computeIfAbsent(candidateOf(e, graph), k -> new ArrayList<>()).add(e);
    }
    return out;
  }
}
