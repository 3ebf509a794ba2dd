package dev.culprit.ingest.recording;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One record of a raw topic as Kafka held it: where it was, its timestamp, key, value and headers.
 * Key and value may be null; equality compares their bytes.
 *
 * @param topic the raw topic, such as {@code otlp_spans}
 * @param partition its partition
 * @param offset its offset in the partition
 * @param timestamp its Kafka timestamp (epoch millis): when it was written, or what its producer
 *     set
 * @param key the key bytes, or null
 * @param value the value bytes, or null
 * @param headers its headers, in order
 */
public record RawRecord(
    String topic,
    int partition,
    long offset,
    long timestamp,
    byte[] key,
    byte[] value,
    List<Header> headers) {

  public RawRecord {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException("Invalid position: " + partition + "/" + offset);
    }
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /**
   * One record header; the value may be null.
   *
   * @param key the header key
   * @param value the header value bytes, or null
   */
  public record Header(String key, byte[] value) {
    public Header {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return key + "=" + (value == null ? "null" : value.length + " bytes");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawRecord r
        && topic.equals(r.topic)
        && partition == r.partition
        && offset == r.offset
        && timestamp == r.timestamp
        && Arrays.equals(key, r.key)
        && Arrays.equals(value, r.value)
        && headers.equals(r.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(key))
        + 31 * Arrays.hashCode(value)
        + headers.hashCode();
  }

  @Override
  public String toString() {
    return topic
        + "-"
        + partition
        + "@"
        + offset
        + " t="
        + timestamp
        + " ("
        + (value == null ? "null" : value.length + " bytes")
        + ")";
  }
}
