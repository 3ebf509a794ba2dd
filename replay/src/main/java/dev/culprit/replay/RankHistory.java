package dev.culprit.replay;

import dev.culprit.model.Incident;
import dev.culprit.model.RootCause;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a replay's HTML report shows of each incident over time: when it opened and, per version,
 * its first {@value #KEPT} root-cause names. Fed every incident version a replay writes.
 */
public final class RankHistory implements Consumer<Incident> {
  static final int KEPT = 5;

  /** One version: its event time and its distinct root-cause names, most probable first. */
  record Version(long time, List<String> causes) {}

  private final Map<String, Long> opened = new HashMap<>();
  private final Map<String, List<Version>> versions = new HashMap<>();

  @Override
  public synchronized void accept(Incident i) {
    opened.merge(i.id(), i.openedAt(), Math::min);
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (RootCause c : i.rootCauses()) {
      if (names.size() == KEPT) {
        break;
      }
      names.add(c.entity());
    }
    versions
        .computeIfAbsent(i.id(), k -> new ArrayList<>())
        .add(new Version(i.updatedAt(), List.copyOf(names)));
  }

  /** When incident {@code id} opened, or null when it was never seen. */
  synchronized Long opened(String id) {
    return id == null ? null : opened.get(id);
  }

  /** The versions of incident {@code id} in event-time order (empty when never seen). */
  synchronized List<Version> versions(String id) {
    List<Version> v =
        new ArrayList<>(id == null ? List.of() : versions.getOrDefault(id, List.of()));
    v.sort(java.util.Comparator.comparingLong(Version::time));
    return v;
  }
}
