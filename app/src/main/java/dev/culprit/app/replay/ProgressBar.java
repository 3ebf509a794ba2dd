package dev.culprit.app.replay;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn at most once per percent. */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean quiet;
  private int lastPercent = -1;

  public ProgressBar(PrintWriter err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  public void update(Replay.Progress p) {
    if (quiet) {
      return;
    }
    int percent =
        p.totalBytes() <= 0 ? 0 : (int) Math.min(100, p.bytesRead() * 100 / p.totalBytes());
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = percent * WIDTH / 100;
    err.printf(
        Locale.ROOT,
        "\r[%s%s] %3d%%  %,d signals  event time %s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        percent,
        p.signals(),
        Instant.ofEpochMilli(p.eventTime()));
    err.flush();
  }

  public void done() {
    if (!quiet && lastPercent >= 0) {
      err.println();
      err.flush();
    }
  }
}
