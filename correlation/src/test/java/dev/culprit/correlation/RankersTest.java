package dev.culprit.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RankersTest {

  @Test
  void everyNamedRankerIsAvailableUnderItsName() {
    assertThat(Rankers.names()).containsExactly("culprit", "count", "microrca");
    for (String name : Rankers.names()) {
      assertThat(Rankers.supplier(name).get().name()).isEqualTo(name);
      assertThat(PipelineConfig.defaults().withRanker(name).ranker()).isEqualTo(name);
    }
  }

  @Test
  void anUnknownNameIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> Rankers.supplier("random"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid ranker: random (known: culprit, count, microrca)");
  }
}
