package dev.culprit.ingest.stage;

import dev.culprit.model.Signal;

/** What normalising one raw record yields: a canonical signal, or the record as a dead letter. */
sealed interface Normalized {

  /** One canonical signal parsed from the record. */
  record Out(Signal signal) implements Normalized {}

  /** The original record, which could not be read, with the reason. */
  record Dead(byte[] original, String reason) implements Normalized {}
}
