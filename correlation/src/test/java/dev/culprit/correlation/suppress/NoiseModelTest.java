package dev.culprit.correlation.suppress;

import static dev.culprit.correlation.suppress.Fixtures.ERROR_LOG;
import static dev.culprit.correlation.suppress.Fixtures.MINUTE;
import static dev.culprit.correlation.suppress.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseModelTest {
  private static final int N = AlertFeatures.names().size();
  private static final int SCORE = AlertFeatures.names().indexOf("log score");

  /** Fitted once on the two synthetic groups with kmeans. */
  private static NoiseModel trained;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    trained =
        new NoiseModelTrainer(AlertClusterer.named("kmeans"))
            .fit(Fixtures.twoGroups(100, 11), "two synthetic groups", T0);
  }

  /** An error log far stronger, more frequent and wider than anything in history. */
  private static double[] farAway() {
    long time = T0 + 90 * MINUTE;
    var e = Fixtures.log("payment", ERROR_LOG, 1e9, time - 600 * MINUTE, time);
    return AlertFeatures.of(e, new FeatureHistory.Context(false, 40, 239, 400, 50));
  }

  /** A model whose features are used as they are, with the given clusters. */
  private static NoiseModel unscaled(List<NoiseModel.Cluster> clusters) {
    double[] scale = new double[N];
    java.util.Arrays.fill(scale, 1);
    return new NoiseModel(
        NoiseModel.FORMAT,
        "v1",
        T0,
        "test",
        "handmade",
        AlertFeatures.names(),
        new double[N],
        scale,
        clusters,
        0,
        0);
  }

  private static double[] at(int feature, double value) {
    double[] x = new double[N];
    x[feature] = value;
    return x;
  }

  @Test
  void newItemsLikeTheNoisyGroupFallInNoiseClustersAndLikeTheRealGroupInRealOnes() {
    Random r = new Random(12);
    int noisyInNoise = 0;
    for (int i = 0; i < 50; i++) {
      Optional<NoiseModel.Assignment> a = trained.assign(Fixtures.noisy(r).features());
      if (a.isPresent()) {
        assertThat(a.get().cluster().noiseRate()).isGreaterThanOrEqualTo(0.95);
        assertThat(a.get().cluster().summary()).isEqualTo("metric resource on instances");
        assertThat(a.get().distance()).isLessThanOrEqualTo(a.get().cluster().radius());
        noisyInNoise++;
      }
      trained
          .assign(Fixtures.real(r).features())
          .ifPresent(b -> assertThat(b.cluster().noiseRate()).isLessThanOrEqualTo(0.05));
    }
    // a new item may lie just outside the 95th percentile of its cluster; most do not
    assertThat(noisyInNoise).isGreaterThanOrEqualTo(30);
  }

  @Test
  void anItemFarFromAllHistoryFallsInNoCluster() {
    assertThat(trained.assign(farAway())).isEmpty();
  }

  @Test
  void featuresAreCentredThenScaled() {
    double[] mean = new double[N];
    double[] scale = new double[N];
    mean[SCORE] = 2;
    scale[SCORE] = 0.5;
    scale[0] = 2;
    NoiseModel m =
        new NoiseModel(
            NoiseModel.FORMAT,
            "v",
            T0,
            "test",
            "",
            AlertFeatures.names(),
            mean,
            scale,
            List.of(),
            0,
            0);
    double[] raw = new double[N];
    raw[SCORE] = 6;
    raw[0] = 1;
    raw[1] = 7;
    double[] x = m.scaled(raw);
    assertThat(x[SCORE]).isEqualTo(2.0);
    assertThat(x[0]).isEqualTo(2.0);
    // scale 0 drops a feature
    assertThat(x[1]).isZero();
    assertThatThrownBy(() -> m.scaled(new double[N - 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected " + N);
  }

  @Test
  void anItemFallsInTheNearestClusterWhoseRadiusReachesIt() {
    var low = new NoiseModel.Cluster(0, at(SCORE, 0), 1.0, 30, 30, "low");
    var high = new NoiseModel.Cluster(1, at(SCORE, 3), 1.0, 30, 0, "high");
    NoiseModel m = unscaled(List.of(low, high));
    assertThat(m.assign(at(SCORE, 0.4)))
        .hasValueSatisfying(
            a -> {
              assertThat(a.cluster().id()).isZero();
              assertThat(a.distance())
                  .isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
            });
    assertThat(m.assign(at(SCORE, 2.2)).map(a -> a.cluster().id())).contains(1);
    assertThat(m.assign(at(SCORE, 1.5))).isEmpty();
    assertThat(unscaled(List.of()).assign(at(SCORE, 0))).isEmpty();
  }

  @Test
  void aClusterWithoutSupportHasNoNoiseRate() {
    assertThat(new NoiseModel.Cluster(0, new double[N], 1, 0, 0, "").noiseRate()).isZero();
    assertThat(new NoiseModel.Cluster(0, new double[N], 1, 40, 30, "").noiseRate()).isEqualTo(0.75);
  }

  @Test
  void theConstructorRejectsAMeanOrScaleOfAnotherLength() {
    assertThatThrownBy(
            () ->
                new NoiseModel(
                    NoiseModel.FORMAT,
                    "v",
                    T0,
                    "test",
                    "",
                    AlertFeatures.names(),
                    new double[N - 1],
                    new double[N],
                    List.of(),
                    0,
                    0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writeThenReadGivesAnEqualModel() throws IOException {
    Path file = dir.resolve("models").resolve("noise.json");
    trained.write(file);
    NoiseModel read = NoiseModel.read(file);
    assertThat(read).usingRecursiveComparison().isEqualTo(trained);
    assertThat(read.clusters()).isNotEmpty();
    assertThat(read.clusters().get(0).centroid())
        .containsExactly(trained.clusters().get(0).centroid());
    assertThat(read.mean()).containsExactly(trained.mean());
    assertThat(read.scale()).containsExactly(trained.scale());
    double[] item = Fixtures.noisy(new Random(13)).features();
    assertThat(read.assign(item).map(a -> a.cluster().id()))
        .isEqualTo(trained.assign(item).map(a -> a.cluster().id()));
  }

  @Test
  void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("noise.json");
    unscaled(List.of()).write(file);
    trained.write(file);
    assertThat(NoiseModel.read(file).version()).isEqualTo(trained.version());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void readingAJsonFileThatIsNoModelSaysWhichFile() throws IOException {
    Path file = dir.resolve("incident.json");
    Files.writeString(file, "{\"id\": \"inc-1\", \"version\": 3}");
    assertThatThrownBy(() -> NoiseModel.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("is not a Culprit noise model");
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "this is not json");
    assertThatThrownBy(() -> NoiseModel.read(text))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(text.toString());
    Path empty = Files.createFile(dir.resolve("empty.json"));
    assertThatThrownBy(() -> NoiseModel.read(empty))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(empty.toString());
  }

  @Test
  void readingAModelOfAnotherFormatSaysWhichFileAndFormat() throws IOException {
    Path file = dir.resolve("future.json");
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(trained);
    tree.put("format", NoiseModel.FORMAT + 1);
    Json.mapper().writeValue(file.toFile(), tree);
    assertThatThrownBy(() -> NoiseModel.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("format " + (NoiseModel.FORMAT + 1));
  }

  @Test
  void readingAModelOfOtherFeaturesSaysWhichFile() throws IOException {
    List<String> other = new ArrayList<>(AlertFeatures.names());
    other.set(SCORE, "score");
    NoiseModel m =
        new NoiseModel(
            NoiseModel.FORMAT,
            "v",
            T0,
            "test",
            "",
            other,
            trained.mean(),
            trained.scale(),
            trained.clusters(),
            trained.trainedOn(),
            trained.outliers());
    Path file = dir.resolve("other-features.json");
    m.write(file);
    assertThatThrownBy(() -> NoiseModel.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("other features");
  }

  @Test
  void readingAMissingFileFailsNamingIt() {
    Path file = dir.resolve("missing.json");
    assertThatThrownBy(() -> NoiseModel.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString());
    assertThatThrownBy(() -> NoiseModel.readUnchecked(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(file.toString());
  }
}
