package dev.culprit.app.sim;

import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Scrapes the simulated system: per pod {@code cpu_usage} (cores), {@code memory_usage} (MiB),
 * {@code latency_p90} (ms), {@code request_rate} (1/s), {@code error_rate} (fraction) and {@code
 * network_retransmits} (1/s); per node {@code node_cpu_usage}, {@code node_memory_usage}, {@code
 * node_disk_io_utilization} and {@code node_disk_usage} (fractions). Values carry jitter and rare
 * benign spikes; redis-cart saves its snapshot every 30 minutes, a recurring benign burst of cpu
 * and disk io. Also writes the periodic log lines of pods and nodes under pressure.
 */
final class MetricEmitter {
  static final double SPIKE_PROBABILITY = 0.003;
  static final long SNAPSHOT_PERIOD_MS = 30 * 60_000L;
  private static final double NODE_CORES = 4;
  private static final double NODE_MEMORY_MB = 8192;
  private static final double SYSTEM_MEMORY_MB = 1536;
  private static final String SNAPSHOTTER = "redis-cart";

  private final Blueprint blueprint;
  private final FaultEffects effects;
  private final LoadModel load;
  private final long intervalMs;

  MetricEmitter(Blueprint blueprint, FaultEffects effects, LoadModel load, long intervalMs) {
    this.blueprint = blueprint;
    this.effects = effects;
    this.load = load;
    this.intervalMs = intervalMs;
  }

  /** Emits one scrape of every pod and node at {@code time}. */
  void scrape(long time, RandomGenerator rng, Consumer<Signal> out) {
    Map<Pod, LoadModel.PodLoad> loads = load.at(time);
    Map<Pod, Double> cpu = new HashMap<>();
    Map<Pod, Double> memory = new HashMap<>();
    boolean snapshot = Math.floorMod(time, SNAPSHOT_PERIOD_MS) < intervalMs;
    for (Pod p : blueprint.pods()) {
      FaultEffects.PodState st = effects.pod(p, time);
      double c = podCpu(p, st, time) * (snapshot && p.service().equals(SNAPSHOTTER) ? 3 : 1);
      cpu.put(p, c);
      memory.put(p, st.memoryMb());
      pod(p, st, loads.get(p), c, time, rng, out);
      if (snapshot && p.service().equals(SNAPSHOTTER)) {
        out.accept(
            new LogEvent(
                p.resource(),
                time,
                "INFO",
                LogTemplates.redisSave(rng.nextInt(100, 30_000)),
                null,
                null));
      }
    }
    for (String n : blueprint.nodes()) {
      boolean snapshotHere =
          snapshot && blueprint.podsOf(SNAPSHOTTER).stream().anyMatch(p -> p.node().equals(n));
      node(n, cpu, memory, snapshotHere, time, rng, out);
    }
  }

  private double podCpu(Pod p, FaultEffects.PodState st, long time) {
    double loadRatio = LoadModel.entryRate(time) / LoadModel.ENTRY_RPS;
    return blueprint.spec(p.service()).cpuCores() * (0.5 + 0.5 * loadRatio) * st.cpuFactor();
  }

  private void pod(
      Pod p,
      FaultEffects.PodState st,
      LoadModel.PodLoad l,
      double cpu,
      long time,
      RandomGenerator rng,
      Consumer<Signal> out) {
    Resource r = p.resource();
    out.accept(sample(r, time, "cpu_usage", spiky(rng, Rand.jitter(rng, cpu, 0.08))));
    out.accept(sample(r, time, "memory_usage", Rand.jitter(rng, st.memoryMb(), 0.02)));
    out.accept(
        sample(r, time, "latency_p90", spiky(rng, Rand.jitter(rng, 1.6 * l.latencyMs(), 0.1))));
    out.accept(
        sample(r, time, "request_rate", spiky(rng, Rand.jitter(rng, l.requestRate(), 0.05))));
    double errors = Math.min(1, l.errorRate() + 0.001 * Math.abs(rng.nextGaussian()));
    out.accept(sample(r, time, "error_rate", errors));
    double retransmits = l.requestRate() * (0.002 + 2 * st.lossProbability());
    out.accept(sample(r, time, "network_retransmits", Rand.jitter(rng, retransmits, 0.2)));
    if (st.memoryPressure() > 0.5) {
      int percent = (int) Math.round(70 + 29 * st.memoryPressure());
      out.accept(new LogEvent(r, time, "WARN", LogTemplates.gcPressure(percent), null, null));
    }
  }

  private void node(
      String n,
      Map<Pod, Double> cpu,
      Map<Pod, Double> memory,
      boolean snapshot,
      long time,
      RandomGenerator rng,
      Consumer<Signal> out) {
    FaultEffects.NodeState st = effects.node(n, time);
    double podCpu = 0;
    double podMemory = 0;
    for (Pod p : blueprint.podsOn(n)) {
      podCpu += cpu.get(p);
      podMemory += memory.get(p);
    }
    Resource r = Resource.ofNode(n);
    double busy = Math.max(st.cpuFloor(), 0.12 + podCpu / NODE_CORES);
    out.accept(sample(r, time, "node_cpu_usage", Math.min(1, Rand.jitter(rng, busy, 0.05))));
    double used = (SYSTEM_MEMORY_MB + podMemory) / NODE_MEMORY_MB;
    out.accept(sample(r, time, "node_memory_usage", Math.min(1, Rand.jitter(rng, used, 0.01))));
    double io = 0.06 * st.diskIoFactor() * (snapshot ? 3 : 1);
    out.accept(
        sample(
            r,
            time,
            "node_disk_io_utilization",
            Math.min(1, spiky(rng, Rand.jitter(rng, io, 0.15)))));
    double disk = 0.42 + st.diskFill();
    out.accept(sample(r, time, "node_disk_usage", Math.min(1, Rand.jitter(rng, disk, 0.002))));
    if (st.diskIoFactor() > 1) {
      String body = LogTemplates.diskPressure(rng.nextInt(2_000, 30_000));
      out.accept(new LogEvent(r, time, "WARN", body, null, null));
    }
    if (st.cpuFloor() > 0) {
      String body = LogTemplates.cpuPressure((int) Math.round(100 * st.cpuFloor()));
      out.accept(new LogEvent(r, time, "WARN", body, null, null));
    }
  }

  private static double spiky(RandomGenerator rng, double value) {
    return rng.nextDouble() < SPIKE_PROBABILITY ? value * (2 + 1.5 * rng.nextDouble()) : value;
  }

  private static MetricSample sample(Resource r, long time, String name, double value) {
    return new MetricSample(r, time, name, value, null);
  }
}
