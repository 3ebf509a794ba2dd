package dev.culprit.topology.stage;

import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Turns resource attributes into instance-of and hosted-on edges, rate-limited per edge. */
final class MembershipProcessor extends ContextualProcessor<String, Signal, String, GraphEdge> {
  private final GraphStageConfig config;
  private KeyValueStore<String, Long> lastEmitted;

  MembershipProcessor(GraphStageConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, GraphEdge> context) {
    super.init(context);
    lastEmitted = context.getStateStore(GraphStage.MEMBERS_STORE);
  }

  @Override
  public void process(Record<String, Signal> record) {
    if (record.value() == null) {
      return;
    }
    long time = record.value().time();
    for (GraphEdge edge : membershipEdges(record.value().resource(), time)) {
      Long last = lastEmitted.get(edge.key());
      if (last == null || time - last >= config.membershipRefresh().toMillis() || time < last) {
        lastEmitted.put(edge.key(), time);
        context().forward(new Record<>(edge.key(), edge, time));
      }
    }
  }

  /** Instance → service and instance (or service, when no instance is named) → node edges. */
  static List<GraphEdge> membershipEdges(Resource r, long time) {
    List<GraphEdge> edges = new ArrayList<>(2);
    if (r.instance() != null && r.service() != null) {
      edges.add(edge(EntityRef.instance(r.instance()), EntityRef.service(r.service()), time, true));
    }
    if (r.node() != null && (r.instance() != null || r.service() != null)) {
      EntityRef hosted = r.instance() != null ? r.primary() : EntityRef.service(r.service());
      edges.add(edge(hosted, EntityRef.node(r.node()), time, false));
    }
    return edges;
  }

  private static GraphEdge edge(EntityRef from, EntityRef to, long time, boolean instanceOf) {
    return new GraphEdge(
        from,
        to,
        instanceOf ? GraphEdge.Kind.INSTANCE_OF : GraphEdge.Kind.HOSTED_ON,
        0,
        0,
        0,
        time,
        false);
  }
}
