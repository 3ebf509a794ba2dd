package dev.culprit.model;

import static dev.culprit.model.BinaryCodec.readResource;
import static dev.culprit.model.BinaryCodec.readString;
import static dev.culprit.model.BinaryCodec.writeResource;
import static dev.culprit.model.BinaryCodec.writeString;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * Binary serdes for model records on internal topics (repartition topics and store changelogs),
 * which only the pipeline reads; the public topics of {@link Topics} stay JSON.
 */
public final class InternalSerdes {
  private static final Span.SpanKind[] SPAN_KINDS = Span.SpanKind.values();
  private static final EntityKind[] ENTITY_KINDS = EntityKind.values();
  private static final GraphEdge.Kind[] EDGE_KINDS = GraphEdge.Kind.values();

  /** Spans, every field. */
  public static final Serde<Span> SPAN =
      new BinaryCodec<>(1, InternalSerdes::writeSpan, InternalSerdes::readSpan);

  /** Graph edges, every field. */
  public static final Serde<GraphEdge> GRAPH_EDGE =
      new BinaryCodec<>(1, InternalSerdes::writeEdge, InternalSerdes::readEdge);

  private InternalSerdes() {}

  static void writeSpan(DataOutputStream out, Span s) throws IOException {
    writeResource(out, s.resource());
    out.writeLong(s.time());
    writeString(out, s.traceId());
    writeString(out, s.spanId());
    writeString(out, s.parentSpanId());
    writeString(out, s.operation());
    out.writeLong(s.durationMicros());
    out.writeByte(s.kind().ordinal());
    out.writeBoolean(s.error());
    writeString(out, s.peer());
  }

  static Span readSpan(DataInputStream in) throws IOException {
    return new Span(
        readResource(in),
        in.readLong(),
        readString(in),
        readString(in),
        readString(in),
        readString(in),
        in.readLong(),
        SPAN_KINDS[in.readByte()],
        in.readBoolean(),
        readString(in));
  }

  /** Writes an entity reference: its kind and name. */
  public static void writeEntity(DataOutputStream out, EntityRef e) throws IOException {
    out.writeByte(e.kind().ordinal());
    writeString(out, e.name());
  }

  /** Reads an entity reference written by {@link #writeEntity}. */
  public static EntityRef readEntity(DataInputStream in) throws IOException {
    return new EntityRef(ENTITY_KINDS[in.readByte()], readString(in));
  }

  static void writeEdge(DataOutputStream out, GraphEdge e) throws IOException {
    writeEntity(out, e.source());
    writeEntity(out, e.target());
    out.writeByte(e.kind().ordinal());
    out.writeLong(e.calls());
    out.writeLong(e.errors());
    out.writeLong(e.totalLatencyMicros());
    out.writeLong(e.lastSeen());
    out.writeBoolean(e.declared());
  }

  static GraphEdge readEdge(DataInputStream in) throws IOException {
    return new GraphEdge(
        readEntity(in),
        readEntity(in),
        EDGE_KINDS[in.readByte()],
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readBoolean());
  }
}
