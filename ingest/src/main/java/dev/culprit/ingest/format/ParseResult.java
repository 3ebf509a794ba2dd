package dev.culprit.ingest.format;

import dev.culprit.model.Signal;
import java.util.List;

/**
 * The outcome of parsing one payload: its signals, with the items of it that could not be read
 * (say, a metric point whose value is NaN), or one rejection of the whole payload with a short,
 * human-readable reason.
 */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Rejected {

  /**
   * The payload's signals, in payload order (possibly none, for an empty batch), and why each item
   * left out of them was left out ({@code skipped}, empty when nothing was).
   */
  record Parsed(List<Signal> signals, List<String> skipped) implements ParseResult {
    public Parsed {
      signals = signals == null ? List.of() : List.copyOf(signals);
      skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** Every item of the payload read. */
    public Parsed(List<Signal> signals) {
      this(signals, List.of());
    }
  }

  /** The payload as a whole was refused; {@code reason} is never blank. */
  record Rejected(String reason) implements ParseResult {
    public Rejected {
      reason = reason == null || reason.isBlank() ? "rejected" : reason;
    }
  }
}
