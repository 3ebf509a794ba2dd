package dev.culprit.topology.bench;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.topology.Adjacency;
import dev.culprit.topology.EntityGraph;
import dev.culprit.topology.alg.PersonalizedPageRank;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Entity-graph benchmarks on a seeded random graph of 10,000 entities (2,000 services, 7,000
 * instances, 1,000 nodes) and 100,000 distinct edges: one instance-of and one hosted-on edge per
 * instance, the rest random call edges between services and between instances.
 *
 * <p>Not a test (the name does not end in {@code Test}), so {@code mvn test} skips it. Run:
 *
 * <pre>
 * ./mvnw -o -q -pl topology test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp topology/target/test-classes:topology/target/classes:$(cat topology/target/test.cp) \
 *     org.openjdk.jmh.Main GraphBenchmark -wi 2 -i 3 -f 1 -jvmArgs "-Xms2g -Xmx2g"
 * </pre>
 *
 * <p>A fixed heap keeps the snapshot build from timing heap growth; without it the build varies
 * from about 300 to 800 ms/op on two shared cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GraphBenchmark {
  static final int SERVICES = 2_000;
  static final int INSTANCES = 7_000;
  static final int NODES = 1_000;
  static final int EDGES = 100_000;
  static final int SEEDS = 50;

  List<GraphEdge> edges;
  EntityGraph snapshot;
  Map<EntityRef, Double> personalization;

  /** Builds the edges, one snapshot and the restart vector, all from a fixed seed. */
  @Setup
  public void setUp() {
    Random random = new Random(42);
    edges = randomEdges(random);
    snapshot = EntityGraph.of(edges);
    personalization = new HashMap<>();
    List<EntityRef> entities = new ArrayList<>(snapshot.entities());
    while (personalization.size() < SEEDS) {
      personalization.put(entities.get(random.nextInt(entities.size())), 1.0);
    }
  }

  /** (a) Graph update: a new snapshot from the full edge list. */
  @Benchmark
  public EntityGraph buildSnapshot() {
    return EntityGraph.of(edges);
  }

  /** (b) Personalized PageRank with 50 restart entities, on a snapshot already ranked once. */
  @Benchmark
  public Map<EntityRef, Double> personalizedPageRank() {
    return new PersonalizedPageRank<>(snapshot.adjacency(), personalization).getScores();
  }

  /**
   * (c) The same, paying for the snapshot's dense adjacency too: the first ranking on a new
   * snapshot.
   */
  @Benchmark
  public Map<EntityRef, Double> personalizedPageRankFirstOnSnapshot() {
    return new PersonalizedPageRank<>(
            Adjacency.ofEdges(edges, GraphEdge::source, GraphEdge::target), personalization)
        .getScores();
  }

  static List<GraphEdge> randomEdges(Random random) {
    Set<GraphEdge> out = new LinkedHashSet<>();
    for (int i = 0; i < INSTANCES; i++) {
      EntityRef instance = EntityRef.instance("i" + i);
      out.add(edge(instance, EntityRef.service("s" + (i % SERVICES)), GraphEdge.Kind.INSTANCE_OF));
      out.add(
          edge(instance, EntityRef.node("n" + random.nextInt(NODES)), GraphEdge.Kind.HOSTED_ON));
    }
    while (out.size() < EDGES) {
      boolean services = random.nextBoolean();
      int n = services ? SERVICES : INSTANCES;
      int a = random.nextInt(n);
      int b = random.nextInt(n);
      if (a != b) {
        out.add(
            services
                ? edge(EntityRef.service("s" + a), EntityRef.service("s" + b), GraphEdge.Kind.CALLS)
                : edge(
                    EntityRef.instance("i" + a),
                    EntityRef.instance("i" + b),
                    GraphEdge.Kind.CALLS));
      }
    }
    return List.copyOf(out);
  }

  private static GraphEdge edge(EntityRef from, EntityRef to, GraphEdge.Kind kind) {
    return new GraphEdge(from, to, kind, 1, 0, 1_000, 0, false);
  }

  /** Runs every benchmark here with the defaults above, or with JMH's own arguments. */
  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(
        args.length > 0
            ? args
            : new String[] {
              GraphBenchmark.class.getSimpleName(), "-wi", "2", "-i", "3", "-f", "1"
            });
  }
}
