package dev.culprit.ingest.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Writes small tar.gz archives for tests: ustar entries, GNU long names and PAX paths. */
public final class TarGzWriter implements AutoCloseable {
  private final OutputStream out;

  public TarGzWriter(Path archive) throws IOException {
    this.out = new GZIPOutputStream(Files.newOutputStream(archive));
  }

  /** Archives every file and directory under {@code dir}, named relative to its parent. */
  public static void pack(Path dir, Path archive) throws IOException {
    try (var tar = new TarGzWriter(archive);
        Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted().toList()) {
        String name = dir.getParent().relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p)) {
          tar.directory(name + "/");
        } else {
          tar.file(name, Files.readAllBytes(p));
        }
      }
    }
  }

  public TarGzWriter directory(String name) throws IOException {
    entry(name, '5', new byte[0]);
    return this;
  }

  /** A regular file; a name over 100 bytes gets a GNU long-name entry first. */
  public TarGzWriter file(String name, byte[] data) throws IOException {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 100) {
      byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
      entry("././@LongLink", 'L', longName);
      entry(name.substring(0, 100), '0', data);
    } else {
      entry(name, '0', data);
    }
    return this;
  }

  /** A regular file named by a PAX extended header. */
  public TarGzWriter paxFile(String name, byte[] data) throws IOException {
    String record = " path=" + name + "\n";
    int len = record.length() + 1;
    while (String.valueOf(len).length() + record.length() != len) {
      len = String.valueOf(len).length() + record.length();
    }
    entry("PaxHeaders/x", 'x', (len + record).getBytes(StandardCharsets.UTF_8));
    entry("short-name", '0', data);
    return this;
  }

  /** A symbolic link, which extraction skips. */
  public TarGzWriter symlink(String name) throws IOException {
    entry(name, '2', new byte[0]);
    return this;
  }

  public void entry(String name, char type, byte[] data) throws IOException {
    byte[] h = new byte[512];
    put(h, 0, name.getBytes(StandardCharsets.UTF_8), 100);
    putOctal(h, 100, 8, 0644);
    putOctal(h, 108, 8, 0);
    putOctal(h, 116, 8, 0);
    putOctal(h, 124, 12, data.length);
    putOctal(h, 136, 12, 0);
    h[156] = (byte) type;
    put(h, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII), 6);
    put(h, 263, "00".getBytes(StandardCharsets.US_ASCII), 2);
    List.of(148, 149, 150, 151, 152, 153, 154, 155).forEach(i -> h[i] = ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    putOctal(h, 148, 7, sum);
    out.write(h);
    out.write(data);
    out.write(new byte[(512 - data.length % 512) % 512]);
  }

  private static void put(byte[] h, int off, byte[] value, int max) {
    System.arraycopy(value, 0, h, off, Math.min(value.length, max));
  }

  private static void putOctal(byte[] h, int off, int len, long value) {
    String s = String.format("%0" + (len - 1) + "o", value);
    put(h, off, (s + "\0").getBytes(StandardCharsets.US_ASCII), len);
  }

  @Override
  public void close() throws IOException {
    out.write(new byte[1024]);
    out.close();
  }
}
