package dev.culprit.notify;

import dev.culprit.model.FailedNotification;

/** Where notifications go that could not be delivered. Implementations must not block long. */
public interface DeadLetters {
  void accept(FailedNotification failed);
}
