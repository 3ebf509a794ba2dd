package dev.culprit.notify;

import java.time.Duration;

/** The outcome of one send. Reasons never contain secrets. */
sealed interface Attempt {
  /**
   * Accepted by the destination.
   *
   * @param posted the chat message this send created, which later sends continue; null when it
   *     created none (a webhook, or an edit of an earlier message)
   */
  record Sent(ChatMessage posted) implements Attempt {
    /** Accepted, no chat message created. */
    Sent() {
      this(null);
    }
  }

  /**
   * A failure worth retrying (connection error, timeout, 408, 429, 5xx).
   *
   * @param retryAfter the wait the destination asked for, or null to use the backoff
   */
  record Retry(String reason, Duration retryAfter) implements Attempt {}

  /** A failure that retrying will not fix (4xx other than 408 and 429, a rejected request). */
  record Fail(String reason) implements Attempt {}
}
