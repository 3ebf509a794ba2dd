package dev.culprit.app.notify;

/** Sends one notification to one destination, once. Implementations never throw. */
interface Transport {
  Attempt send(Notification n) throws InterruptedException;
}
