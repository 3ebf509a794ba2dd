package dev.culprit.sim;

import dev.culprit.model.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A deterministic simulator of a small online shop (see {@link #services()}) that emits canonical
 * signals in simulated event time: a trace per sampled request, a scrape of pod and node metrics
 * every {@link Options#metricInterval()}, and the services' log lines. Faults are injected after a
 * fault-free warm-up, one at a time with quiet gaps between them.
 *
 * <p>The same options give the same signals, whatever the steps {@link #advance(Duration)} is
 * called with: the simulator works in one-second ticks internally and hands out every signal whose
 * time falls before the end of the step, in time order.
 */
public final class Simulator {
  private static final long TICK_MS = 1000;

  private final Options options;
  private final Blueprint blueprint;
  private final FaultSchedule schedule;
  private final MetricEmitter metrics;
  private final TraceGenerator traces;
  private final SplittableRandom metricRng;
  private final SplittableRandom traceRng;
  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(
          Comparator.comparingLong((Pending p) -> p.signal().time())
              .thenComparingLong(Pending::seq));
  private long now;
  private long generatedUntil;
  private long nextScrape;
  private long seq;

  /**
   * Settings of a simulation.
   *
   * @param seed the random seed; equal options give equal signals
   * @param start event time the simulation starts at (epoch millis)
   * @param services how many of the services to simulate, 3 to 12 (a connected prefix)
   * @param warmup fault-free history before the first fault
   * @param faultDuration how long each fault lasts
   * @param gapBetweenFaults the minimum quiet time between two faults (up to a quarter more)
   * @param metricInterval time between two scrapes of the metrics, 1 s to 5 min
   * @param tracesPerSecond sampled requests per second of event time
   * @param kinds the fault kinds to draw from
   */
  public record Options(
      long seed,
      long start,
      int services,
      Duration warmup,
      Duration faultDuration,
      Duration gapBetweenFaults,
      Duration metricInterval,
      double tracesPerSecond,
      List<FaultKind> kinds) {

    /** 2026-01-01T00:00:00Z, the default start. */
    public static final long DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    public Options {
      if (services < 3 || services > Blueprint.ORDER.size()) {
        throw new IllegalArgumentException("Invalid services: " + services);
      }
      requireNonNegative("warmup", warmup);
      requirePositive("faultDuration", faultDuration);
      requireNonNegative("gapBetweenFaults", gapBetweenFaults);
      requirePositive("metricInterval", metricInterval);
      if (metricInterval.compareTo(Duration.ofSeconds(1)) < 0
          || metricInterval.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("Invalid metricInterval: " + metricInterval);
      }
      if (!(tracesPerSecond > 0 && tracesPerSecond <= 1000)) {
        throw new IllegalArgumentException("Invalid tracesPerSecond: " + tracesPerSecond);
      }
      if (kinds == null || kinds.isEmpty()) {
        throw new IllegalArgumentException("Invalid kinds: " + kinds);
      }
      kinds = kinds.stream().distinct().sorted().toList();
    }

    /**
     * All 12 services from {@link #DEFAULT_START}, 20 min warm-up, 5 min faults with 10 min gaps,
     * scrapes every 15 s, 2 traces per second, every fault kind.
     */
    public static Options defaults(long seed) {
      return new Options(
          seed,
          DEFAULT_START,
          Blueprint.ORDER.size(),
          Duration.ofMinutes(20),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofSeconds(15),
          2,
          Arrays.asList(FaultKind.values()));
    }

    public Options withStart(long newStart) {
      return new Options(
          seed,
          newStart,
          services,
          warmup,
          faultDuration,
          gapBetweenFaults,
          metricInterval,
          tracesPerSecond,
          kinds);
    }

    public Options withWarmup(Duration newWarmup) {
      return new Options(
          seed,
          start,
          services,
          newWarmup,
          faultDuration,
          gapBetweenFaults,
          metricInterval,
          tracesPerSecond,
          kinds);
    }

    public Options withFaults(Duration duration, Duration gap, List<FaultKind> newKinds) {
      return new Options(
          seed, start, services, warmup, duration, gap, metricInterval, tracesPerSecond, newKinds);
    }

    public Options withTracesPerSecond(double rate) {
      return new Options(
          seed,
          start,
          services,
          warmup,
          faultDuration,
          gapBetweenFaults,
          metricInterval,
          rate,
          kinds);
    }

    private static void requirePositive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("Invalid " + name + ": " + d);
      }
    }

    private static void requireNonNegative(String name, Duration d) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("Invalid " + name + ": " + d);
      }
    }
  }

  /**
   * What one step produced.
   *
   * @param from event time the step started at (inclusive)
   * @param until event time the step ended at (exclusive)
   * @param signals the signals with times in {@code [from, until)}, in time order
   * @param started the faults that started in {@code [from, until)}
   */
  public record Batch(long from, long until, List<Signal> signals, List<InjectedFault> started) {
    public Batch {
      signals = List.copyOf(signals);
      started = List.copyOf(started);
    }
  }

  private record Pending(Signal signal, long seq) {}

  /** A simulator with a random fault schedule drawn from the seed. */
  public Simulator(Options options) {
    this(options, null);
  }

  /**
   * A simulator that injects exactly {@code faults} (each must name a simulated pod and its
   * service, or a node); the schedule options are then unused.
   */
  public Simulator(Options options, List<InjectedFault> faults) {
    this.options = Objects.requireNonNull(options, "options");
    this.blueprint = new Blueprint(options.services());
    this.schedule =
        faults == null
            ? FaultSchedule.random(blueprint, options)
            : FaultSchedule.fixed(blueprint, faults);
    CallStats stats = new CallStats(blueprint);
    FaultEffects effects = new FaultEffects(blueprint, schedule, options.seed());
    LoadModel load = new LoadModel(blueprint, stats, effects);
    this.metrics = new MetricEmitter(blueprint, effects, load, options.metricInterval().toMillis());
    this.traces = new TraceGenerator(blueprint, effects, nominalLatencies(blueprint, stats));
    SplittableRandom root = new SplittableRandom(options.seed());
    this.metricRng = root.split();
    this.traceRng = root.split();
    this.now = options.start();
    this.generatedUntil = options.start();
    this.nextScrape = options.start();
  }

  private static Map<String, Double> nominalLatencies(Blueprint bp, CallStats stats) {
    FaultSchedule none = FaultSchedule.fixed(bp, List.of());
    LoadModel calm = new LoadModel(bp, stats, new FaultEffects(bp, none, 0));
    Map<String, Double> out = new LinkedHashMap<>();
    calm.at(Options.DEFAULT_START).forEach((pod, l) -> out.put(pod.service(), l.latencyMs()));
    return out;
  }

  public Options options() {
    return options;
  }

  /** The event time the next step starts at. */
  public long now() {
    return now;
  }

  /** Advances event time by {@code step}. */
  public Batch advance(Duration step) {
    if (step == null || step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("Invalid step: " + step);
    }
    return advanceTo(now + step.toMillis());
  }

  /** Advances event time to {@code until} (exclusive), which must be after {@link #now()}. */
  public Batch advanceTo(long until) {
    if (until <= now) {
      throw new IllegalArgumentException("Invalid until: " + until + " <= now " + now);
    }
    while (generatedUntil < until) {
      generateTick(generatedUntil);
      generatedUntil += TICK_MS;
    }
    List<Signal> out = new ArrayList<>();
    while (!pending.isEmpty() && pending.peek().signal().time() < until) {
      out.add(pending.poll().signal());
    }
    Batch batch = new Batch(now, until, out, schedule.startingIn(now, until));
    now = until;
    return batch;
  }

  private void generateTick(long tick) {
    while (nextScrape < tick + TICK_MS) {
      metrics.scrape(nextScrape, metricRng, this::enqueue);
      nextScrape += options.metricInterval().toMillis();
    }
    double rate = options.tracesPerSecond();
    int n = (int) rate + (traceRng.nextDouble() < rate - Math.floor(rate) ? 1 : 0);
    long[] offsets = new long[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = traceRng.nextLong(TICK_MS);
    }
    Arrays.sort(offsets);
    for (long offset : offsets) {
      traces.trace(tick + offset, traceRng, this::enqueue);
    }
  }

  private void enqueue(Signal s) {
    pending.add(new Pending(s, seq++));
  }

  /** The simulated services, each after one of its callers; the first is the entry point. */
  public List<String> services() {
    return blueprint.services();
  }

  /** The services {@code service} calls. */
  public List<String> callees(String service) {
    return blueprint.callees(service);
  }

  /** The services that call {@code service}. */
  public List<String> callers(String service) {
    return blueprint.services().stream().filter(s -> callees(s).contains(service)).toList();
  }

  /** Every pod, in service order. */
  public List<Pod> pods() {
    return blueprint.pods();
  }

  /** The pods of {@code service}. */
  public List<Pod> pods(String service) {
    return blueprint.podsOf(service);
  }

  /** The nodes. */
  public List<String> nodes() {
    return blueprint.nodes();
  }

  /** The faults scheduled so far, in start order (the random schedule unfolds as time advances). */
  public List<InjectedFault> faults() {
    return schedule.known();
  }

  /** The faults that start in {@code [from, until)}, scheduling them if need be. */
  public List<InjectedFault> faultsStartingIn(long from, long until) {
    return schedule.startingIn(from, until);
  }
}
