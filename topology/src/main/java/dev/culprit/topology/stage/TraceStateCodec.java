package dev.culprit.topology.stage;

import static dev.culprit.model.BinaryCodec.readResource;
import static dev.culprit.model.BinaryCodec.readString;
import static dev.culprit.model.BinaryCodec.writeResource;
import static dev.culprit.model.BinaryCodec.writeString;

import dev.culprit.model.BinaryCodec;
import dev.culprit.topology.stage.TraceState.Pending;
import dev.culprit.topology.stage.TraceState.SpanRef;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The binary state format of a {@link TraceState}: spans in map order, then pending children. */
final class TraceStateCodec {
  private TraceStateCodec() {}

  static BinaryCodec<TraceState> serde() {
    return new BinaryCodec<>(1, TraceStateCodec::write, TraceStateCodec::read);
  }

  static void write(DataOutputStream out, TraceState t) throws IOException {
    out.writeInt(t.spans().size());
    for (Map.Entry<String, SpanRef> e : t.spans().entrySet()) {
      writeString(out, e.getKey());
      writeRef(out, e.getValue());
    }
    out.writeInt(t.pending().size());
    for (Pending p : t.pending()) {
      writeString(out, p.parentSpanId());
      writeRef(out, p.child());
    }
    out.writeLong(t.lastSeen());
  }

  static TraceState read(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<String, SpanRef> spans = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      spans.put(readString(in), readRef(in));
    }
    int m = in.readInt();
    List<Pending> pending = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      pending.add(new Pending(readString(in), readRef(in)));
    }
    return new TraceState(spans, pending, in.readLong());
  }

  private static void writeRef(DataOutputStream out, SpanRef r) throws IOException {
    writeResource(out, r.resource());
    out.writeLong(r.time());
    out.writeLong(r.durationMicros());
    out.writeBoolean(r.error());
  }

  private static SpanRef readRef(DataInputStream in) throws IOException {
    return new SpanRef(readResource(in), in.readLong(), in.readLong(), in.readBoolean());
  }
}
