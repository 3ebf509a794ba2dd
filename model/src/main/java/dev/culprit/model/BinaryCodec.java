package dev.culprit.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary serde for hot per-record state and internal (repartition) topics, where JSON
 * would dominate the run time; public topics stay JSON. Each class has a writer and a reader; a
 * leading version byte guards the format. Null values pass through as null.
 */
public final class BinaryCodec<T> implements Serde<T> {
  /** Writes a value's fields. */
  public interface Writer<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  /** Reads a value's fields back. */
  public interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private final byte version;
  private final Writer<T> writer;
  private final Reader<T> reader;

  public BinaryCodec(int version, Writer<T> writer, Reader<T> reader) {
    this.version = (byte) version;
    this.writer = writer;
    this.reader = reader;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(version);
        writer.write(out, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
        byte v = in.readByte();
        if (v != version) {
          throw new SerializationException("Unknown state format version " + v);
        }
        return reader.read(in);
      } catch (IOException e) {
        throw new SerializationException("Cannot read state", e);
      }
    };
  }

  public static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  public static String readString(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  public static void writeResource(DataOutputStream out, Resource r) throws IOException {
    writeString(out, r.service());
    writeString(out, r.instance());
    writeString(out, r.node());
  }

  public static Resource readResource(DataInputStream in) throws IOException {
    return new Resource(readString(in), readString(in), readString(in));
  }
}
