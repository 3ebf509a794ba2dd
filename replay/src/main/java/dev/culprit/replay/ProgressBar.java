package dev.culprit.replay;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr with the rate in signals per second and the time left,
 * estimated from the share of the input read so far; redrawn at most once a second (and at the
 * end). Without a known input size it shows the rate alone.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private final boolean quiet;
  private final LongSupplier nanoTime;
  private final long started;
  private long lastDrawn = Long.MIN_VALUE;
  private boolean drawn;

  public ProgressBar(PrintWriter err, boolean quiet) {
    this(err, quiet, System::nanoTime);
  }

  /** A bar on the clock {@code nanoTime} (for tests). */
  ProgressBar(PrintWriter err, boolean quiet, LongSupplier nanoTime) {
    this.err = err;
    this.quiet = quiet;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  public void update(Replay.Progress p) {
    if (quiet) {
      return;
    }
    long now = nanoTime.getAsLong();
    boolean sized = p.totalBytes() > 0;
    int percent = sized ? (int) Math.min(100, p.bytesRead() * 100 / p.totalBytes()) : 0;
    boolean finished = sized && p.bytesRead() >= p.totalBytes();
    if (drawn && !finished && now - lastDrawn < REDRAW_NANOS) {
      return;
    }
    lastDrawn = now;
    drawn = true;
    double seconds = (now - started) / 1e9;
    String rate = seconds > 0 ? String.format(Locale.ROOT, "%,.0f/s", p.signals() / seconds) : "";
    int filled = percent * WIDTH / 100;
    err.printf(
        Locale.ROOT,
        "\r[%s%s] %3d%%  %,d signals  %s  %s  event time %s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        percent,
        p.signals(),
        rate,
        sized ? left(p, seconds) : "",
        Instant.ofEpochMilli(p.eventTime()));
    err.flush();
  }

  /** The time left if the rest of the input goes as fast as what was read. */
  private static String left(Replay.Progress p, double seconds) {
    if (p.bytesRead() <= 0 || seconds <= 0) {
      return "left ?";
    }
    long rest = Math.round(seconds * (p.totalBytes() - p.bytesRead()) / p.bytesRead());
    return rest >= 3600
        ? String.format(Locale.ROOT, "left %dh%02dm", rest / 3600, rest % 3600 / 60)
        : String.format(Locale.ROOT, "left %dm%02ds", rest / 60, rest % 60);
  }

  public void done() {
    if (!quiet && drawn) {
      err.println();
      err.flush();
    }
  }
}
