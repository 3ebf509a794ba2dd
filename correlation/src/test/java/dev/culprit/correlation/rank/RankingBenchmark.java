package dev.culprit.correlation.rank;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Resource;
import dev.culprit.model.RootCause;
import dev.culprit.model.SignalType;
import dev.culprit.topology.EntityGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One rank call of the engine's ranker on a seeded incident the size of a large replayed one: 45
 * services of 2 pods on 6 nodes with random calls, 60 evidence items over 12 entities and 200
 * background items. Not a test; run as {@code EvidenceBenchmark} says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RankingBenchmark {
  static final int SERVICES = 45;
  static final long T = 1_700_000_000_000L;

  RankingInput input;
  RootCauseRanker ranker;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    List<GraphEdge> edges = new ArrayList<>();
    for (int s = 0; s < SERVICES; s++) {
      for (int p = 0; p < 2; p++) {
        EntityRef pod = EntityRef.instance(pod(s, p));
        edges.add(edge(pod, EntityRef.service("s" + s), GraphEdge.Kind.INSTANCE_OF));
        edges.add(edge(pod, EntityRef.node("n" + random.nextInt(6)), GraphEdge.Kind.HOSTED_ON));
      }
      for (int c = 0; c < 3; c++) {
        int callee = random.nextInt(SERVICES);
        if (callee != s) {
          edges.add(
              edge(
                  EntityRef.service("s" + s),
                  EntityRef.service("s" + callee),
                  GraphEdge.Kind.CALLS));
          edges.add(
              edge(
                  EntityRef.instance(pod(s, 0)),
                  EntityRef.instance(pod(callee, random.nextInt(2))),
                  GraphEdge.Kind.CALLS));
        }
      }
    }
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      evidence.add(evidence(random, random.nextInt(12), T + i * 1_000));
    }
    List<Evidence> background = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      background.add(evidence(random, random.nextInt(SERVICES), T - 3_600_000 + i * 10_000));
    }
    input =
        new RankingInput(
            evidence, background, T - 3_600_000, EntityGraph.of(edges), T, T + 300_000, null);
    ranker = new EvidenceGraphRanker();
  }

  private static String pod(int service, int p) {
    return "s" + service + "-" + p;
  }

  private static GraphEdge edge(EntityRef from, EntityRef to, GraphEdge.Kind kind) {
    return new GraphEdge(from, to, kind, 100, 1, 100_000, T, false);
  }

  private static Evidence evidence(Random random, int service, long time) {
    Resource r = new Resource("s" + service, pod(service, random.nextInt(2)), null);
    boolean metric = random.nextBoolean();
    return new Evidence(
        r,
        metric ? SignalType.METRIC : SignalType.TRACE,
        metric ? EvidenceFamily.METRIC_RESOURCE : EvidenceFamily.TRACE_ERRORS,
        "feature_" + random.nextInt(8),
        3 + random.nextDouble() * 40,
        10,
        2,
        Evidence.Direction.UP,
        time - 60_000,
        time,
        "up");
  }

  /** Ranks the incident's root causes. */
  @Benchmark
  public List<RootCause> rank() {
    return ranker.rank(input);
  }
}
