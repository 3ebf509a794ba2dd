package dev.culprit.kafka;

import dev.culprit.model.Signal;

/** Where a producer of signals (the demo's simulator) writes them on a cluster. */
public interface SignalWriter extends AutoCloseable {

  /** Writes a signal; it may wait in a batch until {@link #flush()}. */
  void send(Signal signal);

  /** Sends everything written so far and waits for the acknowledgements. */
  void flush();

  /** Signals written so far. */
  long sent();

  @Override
  void close();
}
