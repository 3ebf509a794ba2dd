package dev.culprit.correlation.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SuppressionConfigTest {
  @Test
  void defaultsSuppressByRulesOnlyAndOffSuppressesNothing() {
    assertThat(SuppressionConfig.defaults())
        .isEqualTo(new SuppressionConfig(true, null, 0.9, 20, 6));
    assertThat(SuppressionConfig.off().enabled()).isFalse();
    SuppressionConfig withModel = SuppressionConfig.defaults().withModel(Path.of("noise.json"));
    assertThat(withModel.model()).isEqualTo(Path.of("noise.json"));
    assertThat(withModel.withEnabled(false))
        .isEqualTo(new SuppressionConfig(false, Path.of("noise.json"), 0.9, 20, 6));
  }

  @Test
  void thresholdsOutOfRangeAreRejected() {
    assertThatThrownBy(() -> new SuppressionConfig(true, null, 1.1, 20, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minNoiseRate");
    assertThatThrownBy(() -> new SuppressionConfig(true, null, -0.1, 20, 6))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SuppressionConfig(true, null, 0.9, 0, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSupport");
    assertThatThrownBy(() -> new SuppressionConfig(true, null, 0.9, 20, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flapStarts");
  }
}
