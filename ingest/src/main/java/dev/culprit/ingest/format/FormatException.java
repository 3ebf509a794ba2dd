package dev.culprit.ingest.format;

/** Thrown inside a parser to reject the payload with a short reason; never escapes a parser. */
final class FormatException extends RuntimeException {

  FormatException(String reason) {
    super(reason, null, false, false);
  }
}
