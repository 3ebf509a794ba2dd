package dev.culprit.app.sim;

import java.util.Locale;

/** The kinds of fault the simulator injects, and what each does to the simulated system. */
public enum FaultKind {
  /** CPU hog in one pod: its cpu usage ×5–10, its own processing slower. */
  CPU(true),
  /** Memory leak in one pod: memory climbs towards the limit, then latency and errors rise. */
  MEMORY(true),
  /** Network delay on one pod: its spans slower by hundreds of ms; callers inherit the delay. */
  LATENCY(true),
  /** Exceptions in one pod: error spans and ERROR logs there; callers see failed calls. */
  ERRORS(true),
  /** Packet loss on one pod: requests to it time out and are retried; callers see errors. */
  LOSS(true),
  /** Disk pressure on one node: disk io and usage up, the pods on the node slower. */
  DISK(false),
  /** CPU exhaustion of one node: node cpu near 100%, every pod on the node slower. */
  NODE(false);

  private final boolean podLevel;

  FaultKind(boolean podLevel) {
    this.podLevel = podLevel;
  }

  /** Whether the fault targets a pod (an instance) rather than a node. */
  public boolean podLevel() {
    return podLevel;
  }

  /** The lower-case label used in {@link InjectedFault#kind()}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label such as {@code cpu} or {@code loss}. */
  public static FaultKind parse(String label) {
    if (label == null) {
      throw new IllegalArgumentException("Invalid fault kind: null");
    }
    for (FaultKind k : values()) {
      if (k.label().equalsIgnoreCase(label.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("Invalid fault kind: " + label);
  }
}
