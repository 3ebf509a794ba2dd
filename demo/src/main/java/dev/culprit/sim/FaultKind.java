package dev.culprit.sim;

import java.util.Locale;
import java.util.Map;

/**
 * The kinds of fault the simulator injects, each with the effects a real system shows and an
 * OpenTelemetry-instrumented one reports. Pod-level kinds target one pod (an instance), the others
 * a node.
 */
public enum FaultKind {
  /**
   * CPU consumed by the pod's own code (a hot loop): its cpu usage rises to its limit and is
   * throttled, its SERVER spans are slower, its node's cpu rises by what it burns.
   */
  CPU(true),
  /**
   * CPU contention (a process outside the pod, such as stress-ng, on the same cores): the node's
   * cpu rises to near saturation while the pod's own cpu usage stays flat or falls (it is starved);
   * its SERVER spans are slower, other pods on the node a little slower.
   */
  CPU_CONTENTION(true),
  /**
   * Memory leak: the working set climbs to the limit while GC raises cpu and latency, then the
   * container is OOM-killed: a restart (counter +1), a gap in its signals while it restarts (calls
   * go to another replica, or fail with connection refused where there is none), and the leak
   * starts over from the base.
   */
  MEMORY(true),
  /**
   * Network delay on the pod's interface (tc netem on egress): every packet it sends is late, so
   * its callers' CLIENT spans to it are slower while its own SERVER spans are not, except by its
   * own outgoing calls, which are slower too; no cpu change.
   */
  DELAY(true),
  /**
   * Packet loss on the pod's interface: TCP retransmissions make some calls into and out of it one
   * or more retransmission timeouts (200 ms, then doubling) longer; a few time out at the caller
   * (error CLIENT span, no SERVER span when the request never arrived) and are retried; its
   * retransmission counter rises.
   */
  LOSS(true),
  /**
   * A code fault that throws: a new ERROR log template with a stack-trace-like first line in the
   * pod, error SERVER spans there, error CLIENT spans at its callers, which log their own errors.
   */
  EXCEPTION(true),
  /**
   * A code fault that returns early (a wrong result): no error at all, but in the affected requests
   * the handler skips the downstream calls after its first one (missing child spans) and the line
   * it always writes on completion is missing; latency may drop.
   */
  RETURN(true),
  /**
   * Disk pressure on a node: node disk i/o time and filesystem usage up, i/o wait and latency up in
   * every pod on it.
   */
  DISK(false),
  /** CPU exhaustion of a node: node cpu near 100%, every pod on it starved and slower. */
  NODE_CPU(false),
  /**
   * Memory exhaustion of a node: node memory near 100%, page faults up, every pod on it slower
   * (reclaim and page-ins).
   */
  NODE_MEMORY(false);

  private static final Map<String, FaultKind> ALIASES =
      Map.of("latency", DELAY, "errors", EXCEPTION, "node", NODE_CPU, "contention", CPU_CONTENTION);

  private final boolean podLevel;

  FaultKind(boolean podLevel) {
    this.podLevel = podLevel;
  }

  /** Whether the fault targets a pod (an instance) rather than a node. */
  public boolean podLevel() {
    return podLevel;
  }

  /** The lower-case label used in {@link InjectedFault#kind()}, such as {@code cpu-contention}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a label such as {@code cpu}, {@code cpu-contention} (or {@code cpu_contention}) or
   * {@code loss}; the earlier labels {@code latency}, {@code errors} and {@code node} still name
   * {@link #DELAY}, {@link #EXCEPTION} and {@link #NODE_CPU}.
   */
  public static FaultKind parse(String label) {
    if (label == null) {
      throw new IllegalArgumentException("Invalid fault kind: null");
    }
    String l = label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (FaultKind k : values()) {
      if (k.label().equals(l)) {
        return k;
      }
    }
    FaultKind alias = ALIASES.get(l);
    if (alias == null) {
      throw new IllegalArgumentException("Invalid fault kind: " + label);
    }
    return alias;
  }
}
