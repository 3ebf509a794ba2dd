package dev.culprit.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Catches accidental renames of stores, repartition and changelog topics: the described topology
 * must match the golden file. After an intended change, regenerate it with {@code ./mvnw -pl
 * correlation test -Dtest=TopologyGoldenTest -Dculprit.golden.update=true} and review the diff.
 */
class TopologyGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/pipeline-topology.txt");

  @Test
  void topologyMatchesTheGoldenDescription() throws IOException {
    String described = CulpritPipeline.build(PipelineConfig.defaults()).describe().toString();
    if (Boolean.getBoolean("culprit.golden.update")) {
      Files.writeString(GOLDEN, described, StandardCharsets.UTF_8);
    }
    assertThat(described).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    assertThat(described)
        .contains("incidents-by-scope-v1", "graph-spans-by-trace-v2", "evidence-baselines-v1");
  }
}
