package dev.culprit.topology.stage;

import dev.culprit.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of one trace seen so far, and children still waiting for their parent.
 *
 * @param spans span id to the resource and timing of that span
 * @param pending spans whose parent has not arrived yet
 * @param lastSeen the latest span start seen (epoch millis)
 */
record TraceState(Map<String, SpanRef> spans, List<Pending> pending, long lastSeen) {

  TraceState {
    spans = spans == null ? new HashMap<>() : new HashMap<>(spans);
    pending = pending == null ? new ArrayList<>() : new ArrayList<>(pending);
  }

  static TraceState empty() {
    return new TraceState(Map.of(), List.of(), Long.MIN_VALUE);
  }

  /** Where a span ran and how it went. */
  record SpanRef(Resource resource, long time, long durationMicros, boolean error) {}

  /** A span waiting for its parent. */
  record Pending(String parentSpanId, SpanRef child) {}
}
