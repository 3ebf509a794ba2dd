package dev.culprit.ingest.faultalerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.dataset.EventTimes;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class EntityNamesTest {

  @Test
  void stripsOrdinalsAndKubernetesSuffixes() {
    assertThat(EntityNames.serviceOfInstance("cartservice-1")).isEqualTo("cartservice");
    assertThat(EntityNames.serviceOfInstance("ts-contacts-service-866bd68c97-xcqfx"))
        .isEqualTo("ts-contacts-service");
    assertThat(EntityNames.serviceOfInstance("web-x2kq9")).isEqualTo("web");
    assertThat(EntityNames.serviceOfInstance("redis-cache")).isEqualTo("redis-cache");
    assertThat(EntityNames.serviceOfInstance("frontend")).isEqualTo("frontend");
  }

  @Test
  void recognisesNodesAndAddresses() {
    assertThat(EntityNames.looksLikeNode("node-3")).isTrue();
    assertThat(EntityNames.looksLikeNode("host_12")).isTrue();
    assertThat(EntityNames.looksLikeNode("10.0.0.7")).isTrue();
    assertThat(EntityNames.looksLikeNode("fe80::1")).isTrue();
    assertThat(EntityNames.looksLikeNode("cartservice-1")).isFalse();
  }

  @Property
  void anOrdinalSuffixYieldsTheServiceBack(
      @ForAll @StringLength(min = 1, max = 20) @Chars({'a', 'e', 'r', 's', 'v', '-'}) String base,
      @ForAll @IntRange(min = 0, max = 999) int ordinal) {
    String service = "svc" + base.replace("-", "") + "x";
    assertThat(EntityNames.serviceOfInstance(service + "-" + ordinal)).isEqualTo(service);
  }

  @Property
  void epochSecondsAndMillisGiveTheSameTime(
      @ForAll @LongRange(min = 1_000_000_000L, max = 4_000_000_000L) long seconds) {
    long millis = seconds * 1000;
    assertThat(Clock.UTC.millis(Long.toString(seconds))).isEqualTo(millis);
    assertThat(Clock.UTC.millis(Long.toString(millis))).isEqualTo(millis);
    assertThat(EventTimes.epochMillis(BigDecimal.valueOf(millis * 1_000_000))).isEqualTo(millis);
  }

  @Test
  void readsLocalDateTimesAheadOfUtc() {
    assertThat(new Clock(8 * 3_600_000L).millis("2022-03-20 08:39:11.250"))
        .isEqualTo(1_647_736_751_250L);
    assertThat(Clock.UTC.millis("1647736751.5")).isEqualTo(1_647_736_751_500L);
  }
}
