package dev.culprit.ingest.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** One 512-byte tar header: entry name (with the ustar prefix), type flag and data size. */
record TarHeader(String name, char type, long size) {

  static boolean isEndOfArchive(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  static TarHeader parse(byte[] h) throws IOException {
    long stored = octal(h, 148, 8);
    if (stored != checksum(h)) {
      throw new IOException("Corrupt tar header (bad checksum)");
    }
    String name = string(h, 0, 100);
    boolean posix = string(h, 257, 6).equals("ustar") && h[263] == '0' && h[264] == '0';
    String prefix = posix ? string(h, 345, 155) : "";
    if (!prefix.isEmpty()) {
      name = prefix + "/" + name;
    }
    return new TarHeader(name, (char) h[156], size(h));
  }

  /** The {@code path} record of a PAX extended header, or null. */
  static String paxPath(String records) {
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  static String trimNul(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  private static long size(byte[] h) throws IOException {
    if ((h[124] & 0x80) != 0) {
      long v = h[124] & 0x7f;
      for (int i = 125; i < 136; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    return octal(h, 124, 12);
  }

  private static long checksum(byte[] h) {
    long sum = 0;
    for (int i = 0; i < h.length; i++) {
      sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
    }
    return sum;
  }

  private static long octal(byte[] h, int off, int len) throws IOException {
    String s = string(h, off, len).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new IOException("Corrupt tar header (bad number " + s + ")", e);
    }
  }

  private static String string(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }
}
