package dev.culprit.ingest.format;

/**
 * A parser for one wire format that users already emit. Implementations are total: any input,
 * including null, yields a {@link ParseResult} and never an exception.
 */
public interface WireFormat {

  /** A short, stable name for logs and dead-letter headers. */
  String name();

  /**
   * Parses one payload.
   *
   * @param payload the raw bytes, possibly null
   * @param contentType the HTTP content type or Kafka header value, or null when unknown
   */
  ParseResult parse(byte[] payload, String contentType);
}
