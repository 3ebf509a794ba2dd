package dev.culprit.topology.stage;

import dev.culprit.model.GraphEdge;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Passes on the records of {@code culprit.graph} that the graph stage did not write itself (those
 * reach {@code culprit.graph.checked} directly): an edge keyed by its own {@link GraphEdge#key()},
 * or a tombstone that removes one. An edge under another key cannot be processed, and so reaches
 * the dead-letter topic with the reason.
 */
final class GraphIntakeProcessor extends ContextualProcessor<String, GraphEdge, String, GraphEdge> {
  private static final byte[] LEARNED = "graph-stage".getBytes(StandardCharsets.UTF_8);

  @Override
  public void process(Record<String, GraphEdge> record) {
    if (learned(record.headers().lastHeader(GraphStage.ORIGIN_HEADER))) {
      return;
    }
    if (record.key() == null) {
      throw new IllegalArgumentException("Invalid graph record: no key");
    }
    if (record.value() != null && !record.value().key().equals(record.key())) {
      throw new IllegalArgumentException(
          "Invalid graph record: key "
              + record.key()
              + " names another edge than "
              + record.value().key());
    }
    context().forward(record);
  }

  private static boolean learned(Header h) {
    return h != null && Arrays.equals(h.value(), LEARNED);
  }

  /** Marks the edges the graph stage writes, so that reading them back skips them. */
  static final class Mark extends ContextualFixedKeyProcessor<String, GraphEdge, GraphEdge> {
    @Override
    public void process(FixedKeyRecord<String, GraphEdge> record) {
      RecordHeaders headers = new RecordHeaders(record.headers().toArray());
      headers.remove(GraphStage.ORIGIN_HEADER);
      headers.add(GraphStage.ORIGIN_HEADER, LEARNED);
      context().forward(record.withHeaders(headers));
    }
  }
}
