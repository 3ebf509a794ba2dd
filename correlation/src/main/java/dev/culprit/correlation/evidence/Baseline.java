package dev.culprit.correlation.evidence;

import static dev.culprit.model.BinaryCodec.readString;
import static dev.culprit.model.BinaryCodec.writeString;

import dev.culprit.model.BinaryCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The learned history of one entity: per feature, a ring of recent window values, and how many
 * windows (and windows with logs) the entity has had.
 */
final class Baseline {
  final Map<String, History> features = new HashMap<>();
  long windows;
  long logWindows;

  /** Recent values of one feature. */
  static final class History {
    final double[] ring;
    int size;
    int next;
    long lastSeen;
    long anomalousSince = -1;

    History(int capacity) {
      ring = new double[capacity];
    }

    void add(double v, long time) {
      ring[next] = v;
      next = (next + 1) % ring.length;
      size = Math.min(size + 1, ring.length);
      lastSeen = time;
    }

    double[] values() {
      return Arrays.copyOf(ring, size);
    }
  }

  static BinaryCodec<Baseline> serde() {
    return new BinaryCodec<>(1, Baseline::write, Baseline::read);
  }

  private static void write(DataOutputStream out, Baseline b) throws IOException {
    out.writeLong(b.windows);
    out.writeLong(b.logWindows);
    out.writeInt(b.features.size());
    for (Map.Entry<String, History> e : b.features.entrySet()) {
      History h = e.getValue();
      writeString(out, e.getKey());
      out.writeShort(h.ring.length);
      out.writeShort(h.size);
      out.writeShort(h.next);
      out.writeLong(h.lastSeen);
      out.writeLong(h.anomalousSince);
      for (int i = 0; i < h.size; i++) {
        out.writeDouble(h.ring[i]);
      }
    }
  }

  private static Baseline read(DataInputStream in) throws IOException {
    Baseline b = new Baseline();
    b.windows = in.readLong();
    b.logWindows = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String name = readString(in);
      History h = new History(in.readShort());
      h.size = in.readShort();
      h.next = in.readShort();
      h.lastSeen = in.readLong();
      h.anomalousSince = in.readLong();
      for (int j = 0; j < h.size; j++) {
        h.ring[j] = in.readDouble();
      }
      b.features.put(name, h);
    }
    return b;
  }
}
