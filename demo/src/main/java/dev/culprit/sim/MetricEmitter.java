package dev.culprit.sim;

import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Scrapes the simulated system as Prometheus with cAdvisor, kube-state-metrics, node-exporter and
 * the services' OpenTelemetry HTTP metrics would report it, counters turned into per-second rates
 * by recording rules named the usual way ({@code :rate1m}). Per pod: the {@code CONTAINER_*} names
 * below, and the {@code HTTP_*} ones for a service or the {@code REDIS_*} ones (redis_exporter) for
 * the cache; per node the {@code NODE_*} ones. A pod that is restarting reports only its restart
 * count. Values carry jitter and rare benign spikes; redis-cart saves its snapshot every 30
 * minutes, a recurring benign burst of cpu and disk io. Also writes the periodic log lines of pods
 * and nodes under pressure, OOM kills and restarts.
 */
final class MetricEmitter {
  static final String CONTAINER_CPU = "container_cpu_usage_seconds_total:rate1m";
  static final String CONTAINER_THROTTLED = "container_cpu_cfs_throttled_periods:ratio_rate1m";
  static final String CONTAINER_MEMORY = "container_memory_working_set_bytes";
  static final String CONTAINER_RESTARTS = "kube_pod_container_status_restarts_total";
  static final String CONTAINER_TX = "container_network_transmit_bytes_total:rate1m";
  static final String CONTAINER_RX = "container_network_receive_bytes_total:rate1m";
  static final String CONTAINER_RETRANSMITS =
      "container_network_advance_tcp_stats_total:retranssegs:rate1m";
  static final String CONTAINER_FS_WRITES = "container_fs_writes_bytes_total:rate1m";
  static final String CONTAINER_FS_IO_TIME = "container_fs_io_time_seconds_total:rate1m";
  static final String HTTP_REQUESTS = "http_server_requests:rate1m";
  static final String HTTP_ERRORS = "http_server_request_errors:ratio_rate1m";
  static final String HTTP_DURATION_P90 = "http_server_duration_milliseconds:p90";
  static final String REDIS_COMMANDS = "redis_commands_processed_total:rate1m";
  static final String REDIS_FAILED = "redis_commands_failed_calls_total:rate1m";
  static final String REDIS_DURATION = "redis_commands_duration_seconds_total:rate1m";
  static final String NODE_CPU_UTILISATION = "instance:node_cpu_utilisation:rate1m";
  static final String NODE_MEMORY_UTILISATION = "instance:node_memory_utilisation:ratio";
  static final String NODE_PAGE_FAULTS = "instance:node_vmstat_pgmajfault:rate1m";
  static final String NODE_DISK_IO = "instance_device:node_disk_io_time_seconds:rate1m";
  static final String NODE_FILESYSTEM = "instance:node_filesystem_utilisation:ratio";

  static final double SPIKE_PROBABILITY = 0.003;
  static final long SNAPSHOT_PERIOD_MS = 30 * 60_000L;
  private static final double NODE_CORES = 4;
  private static final double NODE_MEMORY_MB = 8192;
  private static final double SYSTEM_MEMORY_MB = 1536;
  private static final double MIB = 1024 * 1024;
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
      boolean saving = snapshot && p.service().equals(SNAPSHOTTER) && !st.down();
      double demand = podCpuDemand(p, st, time) * (saving ? 3 : 1);
      double limit = blueprint.spec(p.service()).cpuLimitCores();
      double c = st.down() ? 0 : Math.min(limit, demand) * st.cpuShare();
      cpu.put(p, c);
      memory.put(p, st.down() ? 0 : st.memoryMb());
      Resource r = p.resource();
      out.accept(sample(r, time, CONTAINER_RESTARTS, st.restarts()));
      if (!st.down()) {
        container(p, st, loads.get(p), c, demand / limit, time, rng, out);
        if (blueprint.spec(p.service()).traced()) {
          http(r, loads.get(p), time, rng, out);
        } else {
          redis(r, loads.get(p), time, rng, out);
        }
      }
      podLogs(p, st, saving, time, rng, out);
    }
    for (String n : blueprint.nodes()) {
      boolean snapshotHere =
          snapshot && blueprint.podsOf(SNAPSHOTTER).stream().anyMatch(p -> p.node().equals(n));
      node(n, cpu, memory, snapshotHere, time, rng, out);
    }
  }

  private double podCpuDemand(Pod p, FaultEffects.PodState st, long time) {
    double loadRatio = LoadModel.entryRate(time) / LoadModel.ENTRY_RPS;
    return blueprint.spec(p.service()).cpuCores() * (0.5 + 0.5 * loadRatio) * st.cpuDemand();
  }

  private void container(
      Pod p,
      FaultEffects.PodState st,
      LoadModel.PodLoad l,
      double cpu,
      double demandOverLimit,
      long time,
      RandomGenerator rng,
      Consumer<Signal> out) {
    Resource r = p.resource();
    double rate = l.requestRate();
    out.accept(sample(r, time, CONTAINER_CPU, spiky(rng, Rand.jitter(rng, cpu, 0.08))));
    double throttled = demandOverLimit > 1 ? 1 - 1 / demandOverLimit : 0.01;
    out.accept(sample(r, time, CONTAINER_THROTTLED, Math.min(1, Rand.jitter(rng, throttled, 0.1))));
    out.accept(sample(r, time, CONTAINER_MEMORY, Rand.jitter(rng, st.memoryMb(), 0.02) * MIB));
    double loss = st.lossProbability();
    double resent = 1 + loss / (1 - loss);
    out.accept(sample(r, time, CONTAINER_TX, Rand.jitter(rng, rate * 2600 * resent, 0.05)));
    out.accept(sample(r, time, CONTAINER_RX, Rand.jitter(rng, rate * 1900, 0.05)));
    double retransmits = rate * (0.004 + 6 * loss / (1 - loss));
    out.accept(sample(r, time, CONTAINER_RETRANSMITS, Rand.jitter(rng, retransmits, 0.2)));
    double writes = 4096 + rate * 180;
    out.accept(sample(r, time, CONTAINER_FS_WRITES, spiky(rng, Rand.jitter(rng, writes, 0.1))));
    double ioTime = 0.004 * st.ioWaitFactor();
    out.accept(sample(r, time, CONTAINER_FS_IO_TIME, Rand.jitter(rng, ioTime, 0.15)));
  }

  private static void http(
      Resource r, LoadModel.PodLoad l, long time, RandomGenerator rng, Consumer<Signal> out) {
    double p90 = spiky(rng, Rand.jitter(rng, 1.6 * l.latencyMs(), 0.1));
    out.accept(sample(r, time, HTTP_DURATION_P90, p90));
    out.accept(sample(r, time, HTTP_REQUESTS, spiky(rng, Rand.jitter(rng, l.requestRate(), 0.05))));
    double errors = Math.min(1, l.errorRate() + 0.001 * Math.abs(rng.nextGaussian()));
    out.accept(sample(r, time, HTTP_ERRORS, errors));
  }

  private static void redis(
      Resource r, LoadModel.PodLoad l, long time, RandomGenerator rng, Consumer<Signal> out) {
    double commands = spiky(rng, Rand.jitter(rng, l.requestRate(), 0.05));
    out.accept(sample(r, time, REDIS_COMMANDS, commands));
    out.accept(sample(r, time, REDIS_FAILED, commands * l.errorRate()));
    double busy = commands * Rand.jitter(rng, l.latencyMs(), 0.1) / 1000;
    out.accept(sample(r, time, REDIS_DURATION, busy));
  }

  private void podLogs(
      Pod p,
      FaultEffects.PodState st,
      boolean saving,
      long time,
      RandomGenerator rng,
      Consumer<Signal> out) {
    LogShape shape = blueprint.spec(p.service()).logShape();
    if (saving) {
      out.accept(log(p.resource(), shape, time, "INFO", p.service(), redisSave(rng)));
    }
    if (!st.down() && st.memoryPressure() > 0.5) {
      String gc = LogTemplates.gcPressure((int) Math.round(70 + 29 * st.memoryPressure()));
      out.accept(log(p.resource(), shape, time, "WARN", p.service(), gc));
    }
    if (effects.oomKilledIn(p, time - intervalMs, time)) {
      long rssKb = (long) (blueprint.spec(p.service()).memoryLimitMb() * 1024);
      String kill = LogTemplates.oomKilled(p.name(), rng.nextInt(1000, 60_000), rssKb);
      out.accept(log(Resource.ofNode(p.node()), LogShape.SYSLOG, time, "ERROR", p.node(), kill));
    }
    if (!st.down() && effects.pod(p, time - intervalMs).down()) {
      String started = LogTemplates.startedUp(p.service(), rng.nextInt(3_000, 9_000));
      out.accept(log(p.resource(), shape, time, "INFO", p.service(), started));
    }
  }

  private static String redisSave(RandomGenerator rng) {
    return LogTemplates.redisSave(rng.nextInt(100, 30_000));
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
    out.accept(sample(r, time, NODE_CPU_UTILISATION, Math.min(1, Rand.jitter(rng, busy, 0.05))));
    double used = Math.max(st.memoryFloor(), (SYSTEM_MEMORY_MB + podMemory) / NODE_MEMORY_MB);
    out.accept(sample(r, time, NODE_MEMORY_UTILISATION, Math.min(1, Rand.jitter(rng, used, 0.01))));
    double faults = 2 * st.pageFaultFactor();
    out.accept(sample(r, time, NODE_PAGE_FAULTS, spiky(rng, Rand.jitter(rng, faults, 0.3))));
    double io = 0.06 * st.diskIoFactor() * (snapshot ? 3 : 1);
    out.accept(sample(r, time, NODE_DISK_IO, Math.min(1, spiky(rng, Rand.jitter(rng, io, 0.15)))));
    double disk = 0.42 + st.diskFill();
    out.accept(sample(r, time, NODE_FILESYSTEM, Math.min(1, Rand.jitter(rng, disk, 0.002))));
    nodeLogs(r, n, st, time, rng, out);
  }

  private static void nodeLogs(
      Resource r,
      String n,
      FaultEffects.NodeState st,
      long time,
      RandomGenerator rng,
      Consumer<Signal> out) {
    if (st.diskIoFactor() > 1) {
      String body = LogTemplates.diskPressure(rng.nextInt(2_000, 30_000));
      out.accept(log(r, LogShape.SYSLOG, time, "WARN", n, body));
    }
    if (st.cpuFloor() > 0) {
      String body = LogTemplates.cpuPressure((int) Math.round(100 * st.cpuFloor()));
      out.accept(log(r, LogShape.SYSLOG, time, "WARN", n, body));
    }
    if (st.memoryFloor() > 0) {
      String body = LogTemplates.memoryPressure((int) Math.round(100 * st.memoryFloor()));
      out.accept(log(r, LogShape.SYSLOG, time, "WARN", n, body));
    }
  }

  private static LogEvent log(
      Resource r, LogShape shape, long time, String severity, String source, String message) {
    String body = shape.render(time, severity, source, message, null, null, null);
    return new LogEvent(r, time, severity, body, null, null);
  }

  private static double spiky(RandomGenerator rng, double value) {
    return rng.nextDouble() < SPIKE_PROBABILITY ? value * (2 + 1.5 * rng.nextDouble()) : value;
  }

  private static MetricSample sample(Resource r, long time, String name, double value) {
    return new MetricSample(r, time, name, value, null);
  }
}
