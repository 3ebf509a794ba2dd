package dev.culprit.topology.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Resource;
import dev.culprit.topology.stage.TraceState.Pending;
import dev.culprit.topology.stage.TraceState.SpanRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceStateCodecTest {

  @Test
  void aTraceWithSpansAndPendingChildrenRoundTrips() {
    Map<String, SpanRef> spans = new LinkedHashMap<>();
    spans.put("a1", new SpanRef(new Resource("cart", "cart-0", "node-1"), 1_000, 250, false));
    spans.put("b2", new SpanRef(Resource.ofService("redis"), 1_010, 40, true));
    List<Pending> pending =
        List.of(new Pending("zz", new SpanRef(Resource.ofNode("node-2"), 990, 7, false)));
    TraceState state = new TraceState(spans, pending, 1_010);

    byte[] bytes = TraceStateCodec.serde().serializer().serialize("t", state);
    TraceState back = TraceStateCodec.serde().deserializer().deserialize("t", bytes);

    assertThat(back).isEqualTo(state);
    assertThat(back.spans()).containsOnlyKeys("a1", "b2");
    assertThat(back.pending()).containsExactlyElementsOf(pending);
  }

  @Test
  void anEmptyTraceRoundTrips() {
    TraceState empty = TraceState.empty();

    byte[] bytes = TraceStateCodec.serde().serializer().serialize("t", empty);

    assertThat(TraceStateCodec.serde().deserializer().deserialize("t", bytes)).isEqualTo(empty);
  }
}
