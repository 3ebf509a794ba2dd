package dev.culprit.run;

import java.util.Locale;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The processing guarantee of the live pipeline. Exactly once (Kafka's {@code exactly_once_v2}:
 * reads, store updates and writes commit in one transaction per task) is the default: after a crash
 * and a restart no alert, evidence or incident record is written twice. At least once is cheaper
 * and may repeat what was processed since the last commit.
 */
public enum Guarantee {
  EXACTLY_ONCE(StreamsConfig.EXACTLY_ONCE_V2),
  AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE);

  private final String streamsValue;

  Guarantee(String streamsValue) {
    this.streamsValue = streamsValue;
  }

  /** The value of {@code processing.guarantee}. */
  public String streamsValue() {
    return streamsValue;
  }

  /** The command-line name: {@code exactly-once} or {@code at-least-once}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Reads {@code exactly-once} or {@code at-least-once} (underscores and case ignored).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Guarantee parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Guarantee g : values()) {
      if (g.optionName().equals(t)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "Invalid processing guarantee: " + text + " (use exactly-once or at-least-once)");
  }
}
