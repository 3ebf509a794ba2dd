package dev.culprit.correlation.evidence;

import dev.culprit.model.Evidence;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Span;
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
 * The hot pure-Java pieces of the evidence stage on seeded synthetic input: log template mining
 * (masking and Drain matching, one line per call, 2,000 distinct lines of 40 statements) and
 * anomaly scoring (one closed window of 24 metrics, 6 operations and 12 log templates scored
 * against, and added to, a baseline of 60 windows).
 *
 * <p>Not a test (the name does not end in {@code Test}), so {@code mvn test} skips it. Run:
 *
 * <pre>
 * ./mvnw -o -q -pl correlation -am test-compile
 * ./mvnw -o -q -pl correlation dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp correlation/target/test-classes:correlation/target/classes:$(cat correlation/target/test.cp) \
 *     org.openjdk.jmh.Main 'EvidenceBenchmark|RankingBenchmark' -wi 3 -i 5 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvidenceBenchmark {
  static final int LINES = 2_000;
  static final Resource POD = new Resource("cart", "cart-7f9-abc", "node-1");

  String[] lines;
  TemplateMiner miner;
  AnomalyScorer scorer;
  Baseline baseline;
  EntityWindow[] windows;
  int next;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    lines = new String[LINES];
    for (int i = 0; i < LINES; i++) {
      lines[i] = line(random, i % 40);
    }
    miner = new TemplateMiner();
    for (String line : lines) {
      miner.match("INFO", line);
    }
    scorer = new AnomalyScorer(EvidenceConfig.defaults());
    baseline = new Baseline();
    for (int w = 0; w < 60; w++) {
      scorer.scoreAndLearn(window(random, w), baseline);
    }
    windows = new EntityWindow[100];
    for (int w = 0; w < windows.length; w++) {
      windows[w] = window(random, 60 + w);
    }
  }

  static String line(Random random, int statement) {
    return switch (statement % 4) {
      case 0 ->
          "2023-01-29 08:43:04.%03d INFO [http-nio-8080-exec-%d] c.t.s.Service%d#%d : order %s for user %d took %d ms"
              .formatted(
                  random.nextInt(1000),
                  random.nextInt(200),
                  statement,
                  100 + statement,
                  Long.toHexString(random.nextLong()),
                  random.nextInt(100_000),
                  random.nextInt(3_000));
      case 1 ->
          "GET /api/v1/items/%d from 10.0.%d.%d:%d returned %d"
              .formatted(
                  random.nextInt(10_000),
                  random.nextInt(255),
                  random.nextInt(255),
                  30_000 + random.nextInt(30_000),
                  statement * 10 + 200);
      case 2 ->
          "statement %d: user '%s' session %s expired after %.2f s"
              .formatted(
                  statement,
                  "u" + random.nextInt(500),
                  java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) random.nextInt()}),
                  random.nextDouble() * 100);
      default ->
          "cache %d miss for key product-%d, loading from db (attempt %d of 3)"
              .formatted(statement, random.nextInt(50_000), 1 + random.nextInt(3));
    };
  }

  EntityWindow window(Random random, long index) {
    long start = index * 60_000;
    EntityWindow w = new EntityWindow("instance:cart-7f9-abc", start, start + 60_000, POD);
    for (int m = 0; m < 24; m++) {
      w.add(new MetricSample(POD, start + 1_000, "metric_" + m, 10 + random.nextGaussian(), null));
    }
    for (int s = 0; s < 120; s++) {
      w.add(
          new Span(
              POD,
              start + s * 400,
              "t" + s,
              "s" + s,
              null,
              "op" + (s % 6),
              800 + random.nextInt(400),
              Span.SpanKind.SERVER,
              random.nextInt(200) == 0,
              null));
    }
    for (int l = 0; l < 200; l++) {
      String body = lines[random.nextInt(LINES)];
      w.add(new LogEvent(POD, start + l * 250, "INFO", body, null, null), "tpl" + (l % 12));
    }
    return w;
  }

  /** Masks one log line and matches it to its entity's templates. */
  @Benchmark
  public String templateMining() {
    String line = lines[next++ % LINES];
    return miner.match("INFO", line);
  }

  /** Masks one log line only. */
  @Benchmark
  public LogTemplates.Masked masking() {
    return LogTemplates.mask(lines[next++ % LINES] + next);
  }

  /** Scores one closed window against the entity's baseline and learns from it. */
  @Benchmark
  public List<Evidence> anomalyScoring() {
    return scorer.scoreAndLearn(windows[next++ % windows.length], baseline);
  }
}
