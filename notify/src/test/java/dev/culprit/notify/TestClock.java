package dev.culprit.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A test clock whose sleeps return at once and move the time forward. */
final class TestClock implements Sleeper {
  static final Instant START = Instant.parse("2026-11-25T08:00:00Z");
  private final AtomicLong nanos = new AtomicLong();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public Instant now() {
    return START.plusNanos(nanos.get());
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (d.isPositive()) {
      sleeps.add(d);
      nanos.addAndGet(d.toNanos());
    }
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }
}
