package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void showsTheRateAndTheTimeLeftFromTheShareRead() {
    StringWriter out = new StringWriter();
    AtomicLong clock = new AtomicLong(0);
    ProgressBar bar = new ProgressBar(new PrintWriter(out), false, clock::get);

    clock.set(10 * SECOND);
    bar.update(new Replay.Progress(250, 1000, 50_000, 0));

    assertThat(out.toString())
        .contains(" 25%")
        .contains("50,000 signals")
        .contains("5,000/s")
        .contains("left 0m30s");
  }

  @Test
  void redrawsAtMostOnceASecondButAlwaysAtTheEnd() {
    StringWriter out = new StringWriter();
    AtomicLong clock = new AtomicLong(0);
    ProgressBar bar = new ProgressBar(new PrintWriter(out), false, clock::get);

    clock.set(SECOND);
    bar.update(new Replay.Progress(10, 7200, 1, 0));
    clock.set(SECOND + SECOND / 2);
    bar.update(new Replay.Progress(20, 7200, 2, 0));
    clock.set(2 * SECOND + SECOND / 2);
    bar.update(new Replay.Progress(3600, 7200, 3, 0));
    bar.update(new Replay.Progress(7200, 7200, 4, 0));
    bar.done();

    assertThat(out.toString().split("\r", -1)).hasSize(4);
    assertThat(out.toString()).doesNotContain(" 2 signals").endsWith("\n");
    assertThat(out.toString()).contains("left 0m03s");
  }

  @Test
  void withoutAKnownSizeItShowsTheRateAlone() {
    StringWriter out = new StringWriter();
    AtomicLong clock = new AtomicLong(0);
    ProgressBar bar = new ProgressBar(new PrintWriter(out), false, clock::get);

    clock.set(2 * SECOND);
    bar.update(new Replay.Progress(0, 0, 4_000, 0));
    clock.set(4 * SECOND);
    bar.update(new Replay.Progress(0, 0, 8_000, 0));

    assertThat(out.toString()).contains("2,000/s").doesNotContain("left");
    assertThat(out.toString().split("\r", -1)).hasSize(3);
  }

  @Test
  void aQuietBarPrintsNothing() {
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), true);
    bar.update(new Replay.Progress(1, 2, 3, 0));
    bar.done();
    assertThat(out.toString()).isEmpty();
  }
}
