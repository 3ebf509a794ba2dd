package dev.culprit.ingest.stage;

import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.format.ParseResult;
import dev.culprit.model.Signal;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses one raw record by the wire format of its topic and forwards its signals, keyed by entity,
 * or the original bytes as a dead letter with headers naming the source topic, partition, offset
 * and reason.
 */
final class NormalizeProcessor extends ContextualProcessor<byte[], byte[], String, Normalized> {
  static final String CONTENT_TYPE = "content-type";
  private final EntityMapping mapping;

  NormalizeProcessor(EntityMapping mapping) {
    this.mapping = mapping;
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
        for (Signal s : p.signals()) {
          context().forward(new Record<>(s.entity().key(), new Normalized.Out(s), s.time(), null));
        }
      }
      case ParseResult.Rejected r -> {
        byte[] original = record.value() == null ? new byte[0] : record.value();
        Record<String, Normalized> dead =
            new Record<>(
                null,
                (Normalized) new Normalized.Dead(original, r.reason()),
                record.timestamp(),
                record.headers());
        DeadLetters.describe(dead.headers(), meta, r.reason());
        context().forward(dead);
      }
    }
  }

  static String contentType(Headers headers) {
    Header h = headers == null ? null : headers.lastHeader(CONTENT_TYPE);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
