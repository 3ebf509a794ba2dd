package dev.culprit.ingest.stage;

import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.format.ParseResult;
import dev.culprit.model.DeadLetter;
import dev.culprit.model.Signal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses one raw record by the wire format of its topic and forwards its signals, keyed by entity,
 * and the original bytes as a dead letter with headers naming the source topic, partition, offset
 * and reason when the record, or any item of it, cannot be read or has an event time the {@link
 * EventTimeRule} refuses.
 */
final class NormalizeProcessor extends ContextualProcessor<byte[], byte[], String, Normalized> {
  static final String CONTENT_TYPE = "content-type";
  private static final int MAX_REASONS = 5;
  private final EntityMapping mapping;
  private final EventTimeRule rule;

  NormalizeProcessor(EntityMapping mapping, EventTimeRule rule) {
    this.mapping = mapping;
    this.rule = rule;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata meta = context().recordMetadata().orElse(null);
    String topic = meta == null ? "" : meta.topic();
    ParseResult result;
    try {
      result =
          Formats.forTopic(topic, mapping).parse(record.value(), contentType(record.headers()));
    } catch (RuntimeException e) {
      result = new ParseResult.Rejected("no parser for topic " + topic + ": " + e.getMessage());
    }
    switch (result) {
      case ParseResult.Parsed p -> {
        List<String> refused = new ArrayList<>(p.skipped());
        for (Signal s : p.signals()) {
          String problem = rule.problem(s.time());
          if (problem == null) {
            context().forward(new Record<>(s.entity().key(), new Normalized.Out(s), s.time()));
          } else {
            refused.add(s.type().name().toLowerCase(java.util.Locale.ROOT) + ": " + problem);
          }
        }
        if (!refused.isEmpty()) {
          deadLetter(record, meta, summary(refused, p.signals().size() + p.skipped().size()));
        }
      }
      case ParseResult.Rejected r -> deadLetter(record, meta, r.reason());
    }
  }

  private void deadLetter(Record<byte[], byte[]> record, RecordMetadata meta, String reason) {
    byte[] original = record.value() == null ? new byte[0] : record.value();
    byte[] kept =
        original.length > DeadLetter.MAX_VALUE_BYTES
            ? Arrays.copyOf(original, DeadLetter.MAX_VALUE_BYTES)
            : original;
    Record<String, Normalized> dead =
        new Record<>(
            null,
            (Normalized) new Normalized.Dead(kept, reason),
            Math.max(0, record.timestamp()),
            record.headers());
    DeadLetters.describe(dead.headers(), meta, reason);
    if (kept.length < original.length) {
      dead.headers().remove(DeadLetter.ORIGINAL_BYTES);
      dead.headers()
          .add(
              DeadLetter.ORIGINAL_BYTES,
              String.valueOf(original.length).getBytes(StandardCharsets.UTF_8));
    }
    context().forward(dead);
  }

  /** The reasons, the first few of them in full, for a record of {@code items} items. */
  static String summary(List<String> reasons, int items) {
    StringBuilder s = new StringBuilder();
    s.append(reasons.size()).append(" of ").append(items).append(" items left out: ");
    s.append(String.join("; ", reasons.subList(0, Math.min(MAX_REASONS, reasons.size()))));
    if (reasons.size() > MAX_REASONS) {
      s.append("; and ").append(reasons.size() - MAX_REASONS).append(" more");
    }
    return DeadLetter.clip(s.toString());
  }

  static String contentType(Headers headers) {
    Header h = headers == null ? null : headers.lastHeader(CONTENT_TYPE);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
