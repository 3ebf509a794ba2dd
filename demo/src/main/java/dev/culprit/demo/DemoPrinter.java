package dev.culprit.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.model.Incident;
import dev.culprit.model.Json;
import dev.culprit.model.RootCause;
import dev.culprit.sim.InjectedFault;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints demo events as text or JSON lines, and matches incidents with the injected fault they
 * overlap so a person sees at once whether the top three hold the culprit.
 */
public final class DemoPrinter {
  private static final long BEFORE = 60_000;
  private static final long AFTER = 300_000;

  private final PrintWriter out;
  private final boolean json;
  private final List<InjectedFault> faults = new ArrayList<>();
  private final Map<String, Integer> bestRank = new HashMap<>();

  public DemoPrinter(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  public synchronized void accept(DemoEvent event) {
    switch (event) {
      case DemoEvent.FaultEvent f -> fault(f.fault());
      case DemoEvent.IncidentEvent i -> incident(i.incident());
    }
    out.flush();
  }

  private void fault(InjectedFault f) {
    faults.add(f);
    if (json) {
      ObjectNode n = Json.mapper().createObjectNode();
      n.put("type", "fault");
      n.put("entity", f.entity().name());
      n.put("entityKind", f.entity().kind().label());
      n.put("service", f.service());
      n.put("kind", f.kind());
      n.put("at", f.at());
      n.put("id", f.id());
      out.println(n);
      return;
    }
    out.printf(
        Locale.ROOT,
        "%s  FAULT     %-14s at %s %s%s%n",
        time(f.at()),
        f.kind(),
        f.entity().kind().label(),
        f.entity().name(),
        f.service() == null ? "" : " (service " + f.service() + ")");
  }

  private void incident(Incident i) {
    InjectedFault match = matching(i);
    if (match != null) {
      int rank = rankOf(i, match);
      bestRank.merge(match.id(), rank == 0 ? Integer.MAX_VALUE : rank, Math::min);
    }
    if (json) {
      ObjectNode n = Json.mapper().createObjectNode();
      n.put("type", "incident");
      n.setAll((ObjectNode) Json.mapper().valueToTree(i));
      out.println(n);
      return;
    }
    out.printf(
        Locale.ROOT,
        "%s  INCIDENT  %s v%d %s: %s%n",
        time(i.updatedAt()),
        i.id(),
        i.version(),
        i.status().name().toLowerCase(Locale.ROOT),
        i.change());
    int n = 0;
    for (RootCause rc : i.rootCauses().subList(0, Math.min(3, i.rootCauses().size()))) {
      out.printf(
          Locale.ROOT,
          "            %d. %-32s %6.2f  %s%n",
          ++n,
          rc.entity(),
          rc.score(),
          rc.explanation());
    }
    if (match != null) {
      int rank = rankOf(i, match);
      out.printf(
          Locale.ROOT,
          "            injected: %s at %s -> %s%n",
          match.kind(),
          match.service() != null ? match.service() : match.entity().name(),
          rank > 0 && rank <= 3 ? "in top 3 (rank " + rank + ")" : "not in top 3");
    }
  }

  private InjectedFault matching(Incident i) {
    for (InjectedFault f : faults) {
      if (i.openedAt() >= f.at() - BEFORE && i.openedAt() <= f.at() + AFTER) {
        return f;
      }
    }
    return null;
  }

  /** 1-based rank of the fault's service (or node) among the incident's root causes, or 0. */
  static int rankOf(Incident i, InjectedFault f) {
    Set<String> names = new LinkedHashSet<>();
    for (RootCause rc : i.rootCauses()) {
      names.add(rc.service() != null ? rc.service() : rc.entity());
    }
    String truth = f.service() != null ? f.service() : f.entity().name();
    int r = 1;
    for (String name : names) {
      if (name.equals(truth) || name.equals(f.entity().name())) {
        return r;
      }
      r++;
    }
    return 0;
  }

  public synchronized void summary(DemoRunner.Summary s, PrintWriter err) {
    long top3 = bestRank.values().stream().filter(r -> r > 0 && r <= 3).count();
    err.printf(
        Locale.ROOT,
        "demo done: %,d signals, %d faults injected, %d incident updates; "
            + "%d of %d faults had the culprit in an incident's top 3%n",
        s.signals(),
        s.faults(),
        s.incidents(),
        top3,
        faults.size());
    err.flush();
  }

  private static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString().substring(11, 19);
  }
}
