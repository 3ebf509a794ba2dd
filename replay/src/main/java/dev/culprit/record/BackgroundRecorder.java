package dev.culprit.record;

import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Recorder} of the raw topics running on its own thread while something else (the demo)
 * writes to them.
 */
public final class BackgroundRecorder implements AutoCloseable {
  private final Recorder recorder;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private BackgroundRecorder(Recorder recorder) {
    this.recorder = recorder;
    this.thread = Thread.ofPlatform().name("culprit-recorder").unstarted(this::record);
  }

  /**
   * Starts recording every raw topic of the cluster at {@code bootstrapServers} into {@code dir};
   * null when {@code dir} is null.
   */
  public static BackgroundRecorder start(String bootstrapServers, Path dir) throws IOException {
    if (dir == null) {
      return null;
    }
    BackgroundRecorder r =
        new BackgroundRecorder(
            Recorder.open(
                new Recorder.Settings(
                    bootstrapServers,
                    Formats.topics(),
                    dir,
                    RecordingWriter.Options.defaults(),
                    false)));
    r.thread.start();
    return r;
  }

  private void record() {
    try {
      recorder.run();
    } catch (IOException | RuntimeException e) {
      failure.set(e);
    }
  }

  /**
   * Waits until everything the topics hold now is recorded and the segments are closed; returns the
   * records written.
   *
   * @throws IOException when recording failed
   */
  public long finish() throws IOException, InterruptedException {
    recorder.finish();
    thread.join();
    Throwable t = failure.get();
    if (t instanceof IOException e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException("Recording failed: " + t, t);
    }
    return recorder.recorded();
  }

  /** Stops recording at once (segments are closed) unless {@link #finish()} was called. */
  @Override
  public void close() throws InterruptedException {
    recorder.stop();
    thread.join();
  }
}
