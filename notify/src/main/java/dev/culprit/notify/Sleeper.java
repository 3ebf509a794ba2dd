package dev.culprit.notify;

import java.time.Duration;
import java.time.Instant;

/** The time source and the only way notification delivery waits, so tests can run fast. */
public interface Sleeper {
  /** The current time. */
  Instant now();

  /** Waits for {@code d} (returns at once when not positive). */
  void sleep(Duration d) throws InterruptedException;

  /** The wall clock and {@link Thread#sleep}. */
  static Sleeper system() {
    return new Sleeper() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public void sleep(Duration d) throws InterruptedException {
        if (d.isPositive()) {
          Thread.sleep(d);
        }
      }
    };
  }
}
