package dev.culprit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class InternalSerdesTest {
  private static final Resource POD = new Resource("cart", "cart-7f9-abc", "node-1");

  private static <T> T roundTrip(Serde<T> serde, T value) {
    byte[] bytes = serde.serializer().serialize("t", value);
    return serde.deserializer().deserialize("t", bytes);
  }

  @Test
  void spansRoundTripWithEveryFieldIncludingNulls() {
    Span full =
        new Span(
            POD, 3_000L, "t1", "s2", "s1", "GET /cart", 1234, Span.SpanKind.CLIENT, true, "db");
    Span sparse =
        new Span(Resource.ofService("cart"), -5L, "t2", "s3", null, null, 0, null, false, null);

    assertThat(roundTrip(InternalSerdes.SPAN, full)).isEqualTo(full);
    assertThat(roundTrip(InternalSerdes.SPAN, sparse)).isEqualTo(sparse);
  }

  @Test
  void graphEdgesRoundTrip() {
    GraphEdge edge =
        new GraphEdge(
            EntityRef.instance("cart-0"),
            EntityRef.node("node-1"),
            GraphEdge.Kind.HOSTED_ON,
            3,
            1,
            4_500,
            Long.MIN_VALUE,
            true);

    assertThat(roundTrip(InternalSerdes.GRAPH_EDGE, edge)).isEqualTo(edge);
  }

  @Test
  void nullPassesThroughAndAnUnknownFormatVersionIsRefused() {
    assertThat(InternalSerdes.SPAN.serializer().serialize("t", null)).isNull();
    assertThat(InternalSerdes.SPAN.deserializer().deserialize("t", null)).isNull();
    assertThatThrownBy(
            () -> InternalSerdes.GRAPH_EDGE.deserializer().deserialize("t", new byte[] {9, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 9");
  }
}
