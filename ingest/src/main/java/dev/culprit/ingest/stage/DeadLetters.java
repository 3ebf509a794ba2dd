package dev.culprit.ingest.stage;

import dev.culprit.model.DeadLetter;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The headers of a dead letter ({@link DeadLetter}) for a raw record the stage cannot read. */
public final class DeadLetters {
  public static final String TOPIC = DeadLetter.TOPIC;
  public static final String PARTITION = DeadLetter.PARTITION;
  public static final String OFFSET = DeadLetter.OFFSET;
  public static final String REASON = DeadLetter.REASON;

  private DeadLetters() {}

  static void describe(Headers headers, RecordMetadata meta, String reason) {
    DeadLetter.describe(
        headers,
        meta == null ? "" : meta.topic(),
        meta == null ? -1 : meta.partition(),
        meta == null ? -1 : meta.offset(),
        reason);
  }
}
