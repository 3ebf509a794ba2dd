package dev.culprit.sim;

import dev.culprit.model.EntityRef;
import dev.culprit.model.LogEvent;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One simulation shared by the fault tests: after a 20-minute warm-up, one fault of every kind, 5
 * minutes each, starting every 12 minutes, so the 5 minutes before each fault are quiet.
 */
final class AllFaults {
  static final Simulator.Options OPTIONS = Simulator.Options.defaults(11);
  static final long FIRST = OPTIONS.start() + Duration.ofMinutes(20).toMillis();
  static final long SLOT = Duration.ofMinutes(12).toMillis();
  static final long LENGTH = Duration.ofMinutes(5).toMillis();

  static final InjectedFault CPU = pod(0, "catalog-1", "catalog", FaultKind.CPU);
  static final InjectedFault CONTENTION =
      pod(1, "recommendation-0", "recommendation", FaultKind.CPU_CONTENTION);
  static final InjectedFault MEMORY = pod(2, "ad-0", "ad", FaultKind.MEMORY);
  static final InjectedFault DELAY = pod(3, "currency-0", "currency", FaultKind.DELAY);
  static final InjectedFault LOSS = pod(4, "cart-0", "cart", FaultKind.LOSS);
  static final InjectedFault EXCEPTION = pod(5, "catalog-0", "catalog", FaultKind.EXCEPTION);
  static final InjectedFault RETURN = pod(6, "frontend-0", "frontend", FaultKind.RETURN);
  static final InjectedFault DISK = node(7, "node-2", FaultKind.DISK);
  static final InjectedFault NODE_CPU = node(8, "node-3", FaultKind.NODE_CPU);
  static final InjectedFault NODE_MEMORY = node(9, "node-1", FaultKind.NODE_MEMORY);
  static final List<InjectedFault> FAULTS =
      List.of(CPU, CONTENTION, MEMORY, DELAY, LOSS, EXCEPTION, RETURN, DISK, NODE_CPU, NODE_MEMORY);

  private static SimRun run;
  private static Map<String, List<Span>> children;

  private AllFaults() {}

  static synchronized SimRun run() {
    if (run == null) {
      Simulator sim = new Simulator(OPTIONS, FAULTS);
      run = SimRun.run(sim, Duration.ofMinutes(20 + 12 * FAULTS.size()), Duration.ofMinutes(1));
    }
    return run;
  }

  /** The effects the simulator applies, to read a fault's drawn severity back. */
  static FaultEffects effects() {
    Blueprint bp = new Blueprint(OPTIONS.services());
    return new FaultEffects(bp, FaultSchedule.fixed(bp, FAULTS), OPTIONS.seed());
  }

  static Blueprint.ServiceSpec spec(String service) {
    return new Blueprint(OPTIONS.services()).spec(service);
  }

  static Pod pod(String name) {
    return run().simulator().pods().stream().filter(p -> p.name().equals(name)).findFirst().get();
  }

  /** The SERVER spans of {@code pod} starting in {@code [from, to)}. */
  static List<Span> serverSpans(String pod, long from, long to) {
    return run().spans(from, to, s -> isServer(s) && pod.equals(s.resource().instance()));
  }

  /** The CLIENT spans whose SERVER child ran on {@code pod}, starting in {@code [from, to)}. */
  static List<Span> callsInto(String pod, long from, long to) {
    return run()
        .spans(
            from,
            to,
            s ->
                s.kind() == Span.SpanKind.CLIENT
                    && children(s).stream().anyMatch(c -> pod.equals(c.resource().instance())));
  }

  static synchronized List<Span> children(Span s) {
    if (children == null) {
      children = run().childrenByParent();
    }
    return children.getOrDefault(SimRun.key(s), List.of());
  }

  static boolean isServer(Span s) {
    return s.kind() == Span.SpanKind.SERVER;
  }

  static boolean isError(LogEvent l) {
    return "ERROR".equals(l.severity());
  }

  static boolean during(InjectedFault f, Signal s) {
    return f.activeAt(s.time());
  }

  static long before(InjectedFault f) {
    return f.at() - SimRun.BEFORE_MS;
  }

  private static InjectedFault pod(int slot, String pod, String service, FaultKind kind) {
    long at = FIRST + slot * SLOT;
    return new InjectedFault(
        "fault-" + (slot + 1), EntityRef.instance(pod), service, kind.label(), at, at + LENGTH);
  }

  private static InjectedFault node(int slot, String node, FaultKind kind) {
    long at = FIRST + slot * SLOT;
    return new InjectedFault(
        "fault-" + (slot + 1), EntityRef.node(node), null, kind.label(), at, at + LENGTH);
  }
}
