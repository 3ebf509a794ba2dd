package dev.culprit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuaranteeTest {
  @Test
  void readsBothNamesAndMapsThemToKafkaStreamsValues() {
    assertThat(Guarantee.parse("exactly-once").streamsValue()).isEqualTo("exactly_once_v2");
    assertThat(Guarantee.parse(" AT_LEAST_ONCE ").streamsValue()).isEqualTo("at_least_once");
    assertThat(Guarantee.EXACTLY_ONCE.optionName()).isEqualTo("exactly-once");
  }

  @Test
  void anUnknownGuaranteeNamesTheAcceptedOnes() {
    assertThatThrownBy(() -> Guarantee.parse("at-most-once"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid processing guarantee: at-most-once (use exactly-once or at-least-once)");
  }
}
