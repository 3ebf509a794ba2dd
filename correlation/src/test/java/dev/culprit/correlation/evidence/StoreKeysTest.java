package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class StoreKeysTest {

  @Test
  void padsAsStringFormatDoesForEverySignAndLength() {
    long[] values = {
      0,
      7,
      -7,
      42,
      999_999,
      1_000_000,
      -123_456,
      1_674_982_800_000L,
      -1_674_982_800_000L,
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      Integer.MIN_VALUE
    };
    for (int width : new int[] {1, 6, 15, 19, 21}) {
      for (long v : values) {
        assertThat(StoreKeys.zeroPadded(v, width))
            .as("%d at width %d", v, width)
            .isEqualTo(String.format(Locale.ROOT, "%0" + width + "d", v));
      }
    }
  }
}
