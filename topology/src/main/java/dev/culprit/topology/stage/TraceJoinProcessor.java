package dev.culprit.topology.stage;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Span;
import dev.culprit.topology.stage.TraceState.Pending;
import dev.culprit.topology.stage.TraceState.SpanRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Joins spans of one trace (key: trace id) into caller → callee edge observations. */
final class TraceJoinProcessor extends ContextualProcessor<String, Span, String, GraphEdge> {
  private final GraphStageConfig config;
  private KeyValueStore<String, TraceState> traces;

  TraceJoinProcessor(GraphStageConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, GraphEdge> context) {
    super.init(context);
    traces = context.getStateStore(GraphStage.TRACES_STORE);
    context.schedule(config.traceTtl(), PunctuationType.STREAM_TIME, this::evict);
  }

  @Override
  public void process(Record<String, Span> record) {
    Span span = record.value();
    if (span == null || record.key() == null) {
      return;
    }
    TraceState state = traces.get(record.key());
    if (state == null) {
      state = TraceState.empty();
    }
    SpanRef ref = new SpanRef(span.resource(), span.time(), span.durationMicros(), span.error());
    state.spans().put(span.spanId(), ref);
    if (span.parentSpanId() != null) {
      SpanRef parent = state.spans().get(span.parentSpanId());
      if (parent != null) {
        emitCall(parent, ref);
      } else {
        state.pending().add(new Pending(span.parentSpanId(), ref));
      }
    }
    adoptPendingChildren(state, span.spanId(), ref);
    traces.put(record.key(), new TraceState(state.spans(), state.pending(), maxTime(state, span)));
  }

  private void adoptPendingChildren(TraceState state, String spanId, SpanRef parent) {
    Iterator<Pending> it = state.pending().iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      if (p.parentSpanId().equals(spanId)) {
        emitCall(parent, p.child());
        it.remove();
      }
    }
  }

  private static long maxTime(TraceState state, Span span) {
    return Math.max(state.lastSeen(), span.time());
  }

  private void emitCall(SpanRef caller, SpanRef callee) {
    for (GraphEdge edge : callEdges(caller, callee)) {
      context().forward(new Record<>(edge.key(), edge, callee.time()));
    }
  }

  /** Instance- and service-level call edges between two spans' resources; no self-loops. */
  static List<GraphEdge> callEdges(SpanRef caller, SpanRef callee) {
    List<GraphEdge> edges = new ArrayList<>(2);
    String fromInstance = caller.resource().instance();
    String toInstance = callee.resource().instance();
    if (fromInstance != null && toInstance != null && !fromInstance.equals(toInstance)) {
      edges.add(call(EntityRef.instance(fromInstance), EntityRef.instance(toInstance), callee));
    }
    String fromService = caller.resource().service();
    String toService = callee.resource().service();
    if (fromService != null && toService != null && !Objects.equals(fromService, toService)) {
      edges.add(call(EntityRef.service(fromService), EntityRef.service(toService), callee));
    }
    return edges;
  }

  private static GraphEdge call(EntityRef from, EntityRef to, SpanRef callee) {
    return new GraphEdge(
        from,
        to,
        GraphEdge.Kind.CALLS,
        1,
        callee.error() ? 1 : 0,
        callee.durationMicros(),
        callee.time(),
        false);
  }

  private void evict(long streamTime) {
    long cutoff = streamTime - config.traceTtl().toMillis();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, TraceState> it = traces.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        if (kv.value.lastSeen() < cutoff) {
          expired.add(kv.key);
        }
      }
    }
    expired.forEach(traces::delete);
  }
}
