package dev.culprit.ingest.dataset;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks dataset archives without external tools. Reads ustar, GNU (long names) and PAX ({@code
 * path}) tar headers; extracts directories and regular files and skips links and special files.
 */
public final class Archives {
  private static final Logger LOG = LoggerFactory.getLogger(Archives.class);
  private static final int BLOCK = 512;

  private Archives() {}

  /**
   * Extracts a gzip-compressed tar archive into {@code targetDir}, creating it if needed.
   *
   * @return the number of regular files extracted
   * @throws IOException if the archive is corrupt or an entry would land outside {@code targetDir}
   */
  public static int extractTarGz(Path archive, Path targetDir) throws IOException {
    Path root = Files.createDirectories(targetDir).toAbsolutePath().normalize();
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
      return extractTar(in, root);
    }
  }

  /**
   * Extracts a gzip-compressed tar archive into a new temporary directory, deleted (with all it
   * holds) when the JVM exits.
   *
   * @return the temporary directory
   */
  public static Path extractTarGzToTemp(Path archive) throws IOException {
    Path dir = Files.createTempDirectory("culprit-dataset-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
    extractTarGz(archive, dir);
    return dir;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Archives::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete {}: {}", dir, e.toString());
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.debug("Could not delete {}", p, e);
    }
  }

  private static int extractTar(InputStream in, Path root) throws IOException {
    byte[] header = new byte[BLOCK];
    String longName = null;
    int files = 0;
    while (readBlock(in, header) && !TarHeader.isEndOfArchive(header)) {
      TarHeader h = TarHeader.parse(header);
      String name = longName != null ? longName : h.name();
      longName = null;
      switch (h.type()) {
        case 'L' -> longName = TarHeader.trimNul(readData(in, h.size()));
        case 'x' -> longName = TarHeader.paxPath(readData(in, h.size()));
        case '5' -> {
          Files.createDirectories(resolve(root, name));
          skipData(in, h.size());
        }
        case '0', '\0', '7' -> {
          writeFile(in, resolve(root, name), h.size());
          files++;
        }
        default -> {
          LOG.debug("Skipping tar entry {} of type {}", name, h.type());
          skipData(in, h.size());
        }
      }
    }
    return files;
  }

  /** The path of an entry, refusing absolute names and names that escape {@code root}. */
  static Path resolve(Path root, String name) throws IOException {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\0")) {
      throw new IOException("Refusing tar entry with unsafe name: " + name);
    }
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root)) {
      throw new IOException("Refusing tar entry outside the target directory: " + name);
    }
    return p;
  }

  private static void writeFile(InputStream in, Path file, long size) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buf = new byte[1 << 16];
      long left = size;
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new EOFException("Truncated tar entry " + file);
        }
        out.write(buf, 0, n);
        left -= n;
      }
    }
    skipFully(in, padding(size));
  }

  private static String readData(InputStream in, long size) throws IOException {
    if (size > 1 << 20) {
      throw new IOException("Tar header entry too large: " + size);
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new EOFException("Truncated tar header entry");
    }
    skipFully(in, padding(size));
    return new String(data, StandardCharsets.UTF_8);
  }

  private static void skipData(InputStream in, long size) throws IOException {
    skipFully(in, size + padding(size));
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static void skipFully(InputStream in, long n) throws IOException {
    in.skipNBytes(n);
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("Truncated tar header");
    }
    return true;
  }
}
