package dev.culprit.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The shape of a record on {@code culprit.dlq}: the original key and value, the original headers,
 * and headers saying where the record was read or was to be written ({@link #TOPIC}, {@link
 * #PARTITION}, {@link #OFFSET}; empty when unknown) and why it could not be processed ({@link
 * #REASON}). A value longer than {@link #MAX_VALUE_BYTES} is cut to that length, and {@link
 * #ORIGINAL_BYTES} gives its full length, so that a dead letter always fits the producer's default
 * request limit (1 MiB).
 */
public final class DeadLetter {
  public static final String TOPIC = "culprit.dlq.topic";
  public static final String PARTITION = "culprit.dlq.partition";
  public static final String OFFSET = "culprit.dlq.offset";
  public static final String REASON = "culprit.dlq.reason";
  public static final String ORIGINAL_BYTES = "culprit.dlq.original-bytes";

  /** The longest value a dead letter carries. */
  public static final int MAX_VALUE_BYTES = 512 * 1024;

  /** The longest reason a dead letter carries, in characters. */
  public static final int MAX_REASON_CHARS = 2000;

  private static final int MAX_KEY_BYTES = 16 * 1024;

  private DeadLetter() {}

  /**
   * Adds the headers of a dead letter to {@code headers}, replacing earlier ones of those names.
   *
   * @param partition the partition, or a negative number when unknown
   * @param offset the offset, or a negative number when unknown
   */
  public static void describe(
      Headers headers, String topic, int partition, long offset, String reason) {
    put(headers, TOPIC, topic == null ? "" : topic);
    put(headers, PARTITION, partition < 0 ? "" : String.valueOf(partition));
    put(headers, OFFSET, offset < 0 ? "" : String.valueOf(offset));
    put(headers, REASON, clip(reason == null || reason.isBlank() ? "unknown" : reason));
  }

  /**
   * A dead letter for {@code culprit.dlq}: {@code key} and {@code value} (cut to their limits),
   * {@code original} headers (may be null) and the describing headers. Its timestamp is {@code
   * timestamp} when that is a valid one, else {@code now}.
   */
  public static ProducerRecord<byte[], byte[]> record(
      byte[] key,
      byte[] value,
      Iterable<Header> original,
      String topic,
      int partition,
      long offset,
      String reason,
      long timestamp,
      long now) {
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(
            Topics.DLQ.name(),
            null,
            timestamp >= 0 ? timestamp : Math.max(0, now),
            cut(key, MAX_KEY_BYTES),
            cut(value, MAX_VALUE_BYTES));
    if (original != null) {
      for (Header h : original) {
        if (!h.key().startsWith("culprit.dlq.")) {
          r.headers().add(h);
        }
      }
    }
    describe(r.headers(), topic, partition, offset, reason);
    if (value != null && value.length > MAX_VALUE_BYTES) {
      put(r.headers(), ORIGINAL_BYTES, String.valueOf(value.length));
    }
    return r;
  }

  /** {@code s} cut to {@link #MAX_REASON_CHARS} characters, with an ellipsis when cut. */
  public static String clip(String s) {
    return s.length() <= MAX_REASON_CHARS ? s : s.substring(0, MAX_REASON_CHARS - 1) + "…";
  }

  private static byte[] cut(byte[] bytes, int max) {
    return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
