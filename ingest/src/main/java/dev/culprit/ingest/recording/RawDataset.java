package dev.culprit.ingest.recording;

import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.SignalSource;
import java.io.IOException;

/**
 * A dataset of raw records, as Kafka held them on the raw topics ({@code alertmanager.raw}, {@code
 * otlp_*}, {@code zipkin.raw}) rather than of canonical signals: a replay sends them through the
 * normalising stage as live. Its {@link #open()} is not supported; its records come from {@link
 * #openRaw()}.
 */
public interface RawDataset extends Dataset {

  /** Opens a fresh replay of the records, in the order they are to be read. */
  RawSource openRaw() throws IOException;

  /**
   * Not supported: a raw dataset holds records, not signals.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  default SignalSource open() {
    throw new UnsupportedOperationException(
        name() + " holds raw records: replay them through the normalising stage (openRaw)");
  }
}
