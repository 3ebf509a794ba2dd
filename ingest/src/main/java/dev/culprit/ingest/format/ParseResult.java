package dev.culprit.ingest.format;

import dev.culprit.model.Signal;
import java.util.List;

/**
 * The outcome of parsing one payload: either all of its signals, or one rejection with a short,
 * human-readable reason. One payload never yields both, so counts are conserved.
 */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Rejected {

  /** The payload's signals, in payload order (possibly none, for an empty batch). */
  record Parsed(List<Signal> signals) implements ParseResult {
    public Parsed {
      signals = signals == null ? List.of() : List.copyOf(signals);
    }
  }

  /** The payload as a whole was refused; {@code reason} is never blank. */
  record Rejected(String reason) implements ParseResult {
    public Rejected {
      reason = reason == null || reason.isBlank() ? "rejected" : reason;
    }
  }
}
