package dev.culprit.ingest.recording;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of a segment file, inside its gzip stream: the magic {@code CULPRIT-RAW 1\n}, then each
 * record as the byte 1, topic (UTF-8, 2-byte length), partition (int), offset (long), timestamp
 * (long), key and value (int length, -1 for null, then the bytes), header count (int) and each
 * header as key (UTF-8, 2-byte length) and value (int length, -1 for null, then the bytes). Numbers
 * are big-endian, strings modified UTF-8 as {@link DataOutputStream#writeUTF} writes them. A file
 * ends at a record boundary.
 */
final class SegmentFormat {
  static final byte[] MAGIC = "CULPRIT-RAW 1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int RECORD = 1;

  private SegmentFormat() {}

  static void writeMagic(DataOutputStream out) throws IOException {
    out.write(MAGIC);
  }

  /**
   * Reads and checks the magic.
   *
   * @throws IOException when the stream is not a segment of this version
   */
  static void readMagic(DataInputStream in, String name) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("Not a Culprit recording segment: " + name);
    }
  }

  /** Writes one record; returns the bytes written. */
  static int write(DataOutputStream out, RawRecord r) throws IOException {
    int before = out.size();
    out.writeByte(RECORD);
    out.writeUTF(r.topic());
    out.writeInt(r.partition());
    out.writeLong(r.offset());
    out.writeLong(r.timestamp());
    bytes(out, r.key());
    bytes(out, r.value());
    out.writeInt(r.headers().size());
    for (RawRecord.Header h : r.headers()) {
      out.writeUTF(h.key());
      bytes(out, h.value());
    }
    return out.size() - before;
  }

  /**
   * Reads the next record, or null at the end of the stream.
   *
   * @throws EOFException when the stream ends inside a record (a truncated file)
   */
  static RawRecord read(DataInputStream in) throws IOException {
    int marker = in.read();
    if (marker < 0) {
      return null;
    }
    if (marker != RECORD) {
      throw new IOException("Corrupt segment: record marker " + marker);
    }
    String topic = in.readUTF();
    int partition = in.readInt();
    long offset = in.readLong();
    long timestamp = in.readLong();
    byte[] key = bytes(in);
    byte[] value = bytes(in);
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("Corrupt segment: " + count + " headers");
    }
    List<RawRecord.Header> headers = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      headers.add(new RawRecord.Header(in.readUTF(), bytes(in)));
    }
    return new RawRecord(topic, partition, offset, timestamp, key, value, headers);
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < -1) {
      throw new IOException("Corrupt segment: length " + n);
    }
    if (n == -1) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
