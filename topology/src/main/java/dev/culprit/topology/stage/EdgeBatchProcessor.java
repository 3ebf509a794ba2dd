package dev.culprit.topology.stage;

import dev.culprit.model.GraphEdge;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Sums edge observations per edge and writes them out once per flush interval of stream time. */
final class EdgeBatchProcessor extends ContextualProcessor<String, GraphEdge, String, GraphEdge> {
  private final GraphStageConfig config;
  private KeyValueStore<String, GraphEdge> batch;

  EdgeBatchProcessor(GraphStageConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, GraphEdge> context) {
    super.init(context);
    batch = context.getStateStore(GraphStage.BATCH_STORE);
    context.schedule(config.flushInterval(), PunctuationType.STREAM_TIME, this::flush);
  }

  @Override
  public void process(Record<String, GraphEdge> record) {
    GraphEdge previous = batch.get(record.key());
    batch.put(record.key(), previous == null ? record.value() : previous.plus(record.value()));
  }

  private void flush(long streamTime) {
    List<KeyValue<String, GraphEdge>> all = new ArrayList<>();
    try (KeyValueIterator<String, GraphEdge> it = batch.all()) {
      it.forEachRemaining(all::add);
    }
    for (KeyValue<String, GraphEdge> kv : all) {
      context().forward(new Record<>(kv.key, kv.value, kv.value.lastSeen()));
      batch.delete(kv.key);
    }
  }
}
