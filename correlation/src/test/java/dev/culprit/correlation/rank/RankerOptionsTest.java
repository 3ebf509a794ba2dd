package dev.culprit.correlation.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.Evidence;
import dev.culprit.model.EvidenceFamily;
import dev.culprit.model.Resource;
import dev.culprit.model.SignalType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankerOptionsTest {
  @Test
  void eachOptionCanBeSetByNameAndIsValidated() {
    RankerOptions o = RankerOptions.defaults();
    for (String name : RankerOptions.NAMES) {
      assertThat(o.with(name, "1")).isNotEqualTo(o);
    }
    assertThat(o.with("corroborationWeight", "0.75").corroborationWeight()).isEqualTo(0.75);
    assertThat(o.with("minHostedSymptoms", "3").minHostedSymptoms()).isEqualTo(3);
    assertThatThrownBy(() -> o.with("corroborationWeight", "1.5"))
        .hasMessageContaining("corroborationWeight");
    assertThatThrownBy(() -> o.with("minHostedSymptoms", "2.5")).hasMessageContaining("whole");
    assertThatThrownBy(() -> o.with("weight", "1")).hasMessageContaining("Unknown ranker option");
    assertThatThrownBy(() -> o.with("symptomDiscount", "much")).hasMessageContaining("Invalid");
  }

  @Test
  void theCorroborationWeightIsWhatOtherFamiliesAdd() {
    Resource r = Resource.ofService("route");
    List<Evidence> ev =
        List.of(
            new Evidence(
                r,
                SignalType.TRACE,
                EvidenceFamily.TRACE_LATENCY,
                "latency of GET /",
                17,
                1,
                0,
                null,
                0,
                0,
                ""),
            new Evidence(
                r,
                SignalType.LOG,
                EvidenceFamily.LOG_ERRORS,
                "error log lines",
                6,
                1,
                0,
                null,
                0,
                0,
                ""));
    double half = EvidenceGraphRanker.strength(ev, Map.of(), AlertHistory.none());
    double full =
        EvidenceGraphRanker.strength(
            ev,
            Map.of(),
            AlertHistory.none(),
            RankerOptions.defaults().with("corroborationWeight", "1"));
    assertThat(half).isCloseTo(Math.log1p(17) + 0.5 * Math.log1p(6), within());
    assertThat(full).isCloseTo(Math.log1p(17) + Math.log1p(6), within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
