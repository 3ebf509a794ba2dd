package dev.culprit.notify;

/** Sends one notification to one destination, once. Implementations never throw. */
interface Transport {
  /** Sends {@code n} as the first message about its incident. */
  Attempt send(Notification n) throws InterruptedException;

  /**
   * Sends {@code n}, continuing the chat message {@code first} posted earlier about the same
   * incident (null: none yet). Transports without messages to continue ignore it.
   */
  default Attempt send(Notification n, ChatMessage first) throws InterruptedException {
    return send(n);
  }
}
