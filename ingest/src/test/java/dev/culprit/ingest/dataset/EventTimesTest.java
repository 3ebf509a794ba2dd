package dev.culprit.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EventTimesTest {

  @Test
  void parsesInstantsAndUtcLocalTimes() {
    assertThat(EventTimes.parseUtcMillis("2023-01-29T08:42:22.383150913Z"))
        .isEqualTo(1674981742383L);
    assertThat(EventTimes.parseUtcMillis("2023-01-29T09:20:29.295")).isEqualTo(1674984029295L);
    assertThat(EventTimes.parseUtcMillis("2023-01-29 08:43:04")).isEqualTo(1674981784000L);
    assertThat(EventTimes.parseUtcMillis("2023-01-29T16:43:04+08:00")).isEqualTo(1674981784000L);
  }

  @Test
  void readsLocalTimesInAZoneAndKeepsExplicitOffsets() {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");

    assertThat(EventTimes.parseMillis("2023-01-29 16:43:04", shanghai)).isEqualTo(1674981784000L);
    assertThat(EventTimes.parseMillis("2023-01-29T08:43:04Z", shanghai)).isEqualTo(1674981784000L);
    assertThat(EventTimes.millis("1674981784", shanghai)).isEqualTo(1674981784000L);
    assertThat(EventTimes.hasZone("2023-01-29 16:43:04")).isFalse();
    assertThat(EventTimes.hasZone("2023-01-29 16:43:04-05:00")).isTrue();
  }

  @Test
  void rejectsOtherText() {
    assertThatThrownBy(() -> EventTimes.parseUtcMillis("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid timestamp: yesterday");
  }
}
