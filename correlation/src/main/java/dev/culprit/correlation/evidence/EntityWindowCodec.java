package dev.culprit.correlation.evidence;

import static dev.culprit.model.BinaryCodec.readResource;
import static dev.culprit.model.BinaryCodec.readString;
import static dev.culprit.model.BinaryCodec.writeResource;
import static dev.culprit.model.BinaryCodec.writeString;

import dev.culprit.model.BinaryCodec;
import dev.culprit.model.MetricClass;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/** The binary state format of an open {@link EntityWindow}. */
final class EntityWindowCodec {
  private EntityWindowCodec() {}

  static BinaryCodec<EntityWindow> serde() {
    return new BinaryCodec<>(2, EntityWindowCodec::write, EntityWindowCodec::read);
  }

  static void write(DataOutputStream out, EntityWindow w) throws IOException {
    writeString(out, w.entityKey);
    out.writeLong(w.start);
    out.writeLong(w.end);
    writeResource(out, w.resource);
    out.writeInt(w.metrics.size());
    for (Map.Entry<String, EntityWindow.Stat> e : w.metrics.entrySet()) {
      writeString(out, e.getKey());
      out.writeByte(w.metricClasses.getOrDefault(e.getKey(), MetricClass.OTHER).ordinal());
      out.writeDouble(e.getValue().sum);
      out.writeLong(e.getValue().count);
      out.writeDouble(e.getValue().max);
    }
    out.writeInt(w.operations.size());
    for (Map.Entry<String, EntityWindow.OpStat> e : w.operations.entrySet()) {
      writeString(out, e.getKey());
      out.writeLong(e.getValue().count);
      out.writeLong(e.getValue().errors);
      out.writeDouble(e.getValue().sumMillis);
      out.writeDouble(e.getValue().maxMillis);
    }
    out.writeInt(w.templates.size());
    for (Map.Entry<String, EntityWindow.TemplateStat> e : w.templates.entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue().severity);
      writeString(out, e.getValue().example);
      writeString(out, e.getValue().traceId);
      out.writeLong(e.getValue().count);
    }
    out.writeLong(w.logs);
    out.writeLong(w.errorLogs);
    out.writeLong(w.droppedTemplates);
  }

  static EntityWindow read(DataInputStream in) throws IOException {
    EntityWindow w =
        new EntityWindow(readString(in), in.readLong(), in.readLong(), readResource(in));
    int metrics = in.readInt();
    MetricClass[] classes = MetricClass.values();
    for (int i = 0; i < metrics; i++) {
      String name = readString(in);
      w.metricClasses.put(name, classes[in.readByte()]);
      EntityWindow.Stat s = new EntityWindow.Stat();
      s.sum = in.readDouble();
      s.count = in.readLong();
      s.max = in.readDouble();
      w.metrics.put(name, s);
    }
    int ops = in.readInt();
    for (int i = 0; i < ops; i++) {
      String name = readString(in);
      EntityWindow.OpStat s = new EntityWindow.OpStat();
      s.count = in.readLong();
      s.errors = in.readLong();
      s.sumMillis = in.readDouble();
      s.maxMillis = in.readDouble();
      w.operations.put(name, s);
    }
    int templates = in.readInt();
    for (int i = 0; i < templates; i++) {
      String name = readString(in);
      EntityWindow.TemplateStat t =
          new EntityWindow.TemplateStat(readString(in), readString(in), readString(in));
      t.count = in.readLong();
      w.templates.put(name, t);
    }
    w.logs = in.readLong();
    w.errorLogs = in.readLong();
    w.droppedTemplates = in.readLong();
    return w;
  }
}
