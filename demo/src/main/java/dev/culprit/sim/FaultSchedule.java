package dev.culprit.sim;

import dev.culprit.model.EntityRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When and where faults happen. A random schedule starts after the warm-up and never overlaps
 * faults: each lasts the fault duration and is followed by at least the quiet gap. Kinds are drawn
 * from a shuffled bag, so every enabled kind occurs once in each round of that many faults; an
 * early return targets only services that are traced (a cache has no handler to return from). A
 * fixed schedule replays a given list.
 */
final class FaultSchedule {
  private final Blueprint blueprint;
  private final Simulator.Options options;
  private final SplittableRandom rng;
  private final List<InjectedFault> faults = new ArrayList<>();
  private final Deque<FaultKind> bag = new ArrayDeque<>();
  private long nextAt;

  private FaultSchedule(
      Blueprint blueprint, Simulator.Options options, SplittableRandom rng, long nextAt) {
    this.blueprint = blueprint;
    this.options = options;
    this.rng = rng;
    this.nextAt = nextAt;
  }

  static FaultSchedule random(Blueprint blueprint, Simulator.Options options) {
    return new FaultSchedule(
        blueprint,
        options,
        new SplittableRandom(options.seed() ^ 0x5DEECE66DL),
        options.start() + options.warmup().toMillis());
  }

  static FaultSchedule fixed(Blueprint blueprint, List<InjectedFault> faults) {
    FaultSchedule s = new FaultSchedule(blueprint, null, null, Long.MAX_VALUE);
    for (InjectedFault f : faults) {
      s.validate(f);
    }
    s.faults.addAll(faults.stream().sorted(Comparator.comparingLong(InjectedFault::at)).toList());
    return s;
  }

  /** Faults whose start lies in {@code [from, to)}, in start order. */
  List<InjectedFault> startingIn(long from, long to) {
    extendTo(to);
    return faults.stream().filter(f -> f.at() >= from && f.at() < to).toList();
  }

  /** Faults active at {@code time}. */
  List<InjectedFault> activeAt(long time) {
    extendTo(time + 1);
    List<InjectedFault> out = new ArrayList<>(1);
    for (InjectedFault f : faults) {
      if (f.activeAt(time)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Faults that started before {@code time}, ended or not, in start order. */
  List<InjectedFault> startedBefore(long time) {
    extendTo(time);
    List<InjectedFault> out = new ArrayList<>(2);
    for (InjectedFault f : faults) {
      if (f.at() < time) {
        out.add(f);
      }
    }
    return out;
  }

  /** Every fault scheduled so far (at least those starting before the last time asked about). */
  List<InjectedFault> known() {
    return List.copyOf(faults);
  }

  private void extendTo(long time) {
    while (options != null && nextAt < time) {
      InjectedFault f = next(nextAt);
      faults.add(f);
      long gap = options.gapBetweenFaults().toMillis();
      nextAt = f.until() + gap + (gap / 4 == 0 ? 0 : rng.nextLong(gap / 4));
    }
  }

  private InjectedFault next(long at) {
    if (bag.isEmpty()) {
      List<FaultKind> kinds = new ArrayList<>(options.kinds());
      for (int i = kinds.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        kinds.set(i, kinds.set(j, kinds.get(i)));
      }
      bag.addAll(kinds);
    }
    FaultKind kind = bag.removeFirst();
    String id = "fault-" + (faults.size() + 1);
    long until = at + options.faultDuration().toMillis();
    if (kind.podLevel()) {
      List<String> services =
          kind == FaultKind.RETURN
              ? blueprint.services().stream().filter(s -> blueprint.spec(s).traced()).toList()
              : blueprint.services();
      Pod pod = Rand.pick(rng, blueprint.podsOf(Rand.pick(rng, services)));
      return new InjectedFault(id, pod.ref(), pod.service(), kind.label(), at, until);
    }
    String node = Rand.pick(rng, blueprint.nodes());
    return new InjectedFault(id, EntityRef.node(node), null, kind.label(), at, until);
  }

  private void validate(InjectedFault f) {
    boolean known =
        f.faultKind().podLevel()
            ? blueprint.pods().stream()
                .anyMatch(p -> p.ref().equals(f.entity()) && p.service().equals(f.service()))
            : blueprint.nodes().contains(f.entity().name());
    if (!known) {
      throw new IllegalArgumentException("Invalid fault target: " + f.entity() + " in " + f);
    }
  }
}
