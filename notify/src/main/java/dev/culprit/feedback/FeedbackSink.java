package dev.culprit.feedback;

import dev.culprit.model.Feedback;
import java.util.concurrent.CompletableFuture;

/** Where feedback on incidents goes: {@code culprit.feedback}, keyed by incident id. */
@FunctionalInterface
public interface FeedbackSink {

  /** Writes {@code feedback}; the future completes when the write is acknowledged. */
  CompletableFuture<Void> write(Feedback feedback);
}
