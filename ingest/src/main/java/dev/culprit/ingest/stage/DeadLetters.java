package dev.culprit.ingest.stage;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The headers of a dead letter: where the original record was read, and why it was refused. */
public final class DeadLetters {
  public static final String TOPIC = "culprit.dlq.topic";
  public static final String PARTITION = "culprit.dlq.partition";
  public static final String OFFSET = "culprit.dlq.offset";
  public static final String REASON = "culprit.dlq.reason";

  private DeadLetters() {}

  static void describe(Headers headers, RecordMetadata meta, String reason) {
    put(headers, TOPIC, meta == null ? "" : meta.topic());
    put(headers, PARTITION, meta == null ? "" : String.valueOf(meta.partition()));
    put(headers, OFFSET, meta == null ? "" : String.valueOf(meta.offset()));
    put(headers, REASON, reason);
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
