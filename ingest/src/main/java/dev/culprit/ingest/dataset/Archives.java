package dev.culprit.ingest.dataset;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks dataset archives without external tools, with Commons Compress: ustar, GNU (long names)
 * and PAX ({@code path}) tar entries are streamed one by one from the gzip stream straight to their
 * files. Directories and regular files are extracted; links and special files are skipped.
 */
public final class Archives {
  private static final Logger LOG = LoggerFactory.getLogger(Archives.class);
  private static final int BUFFER = 1 << 16;
  private static final Set<Byte> REGULAR =
      Set.of(TarConstants.LF_OLDNORM, TarConstants.LF_NORMAL, TarConstants.LF_CONTIG);

  private Archives() {}

  /**
   * Extracts a gzip-compressed tar archive into {@code targetDir}, creating it if needed.
   *
   * @return the number of regular files extracted
   * @throws IOException naming {@code archive} and the reason if it is missing, corrupt or
   *     truncated, if an entry would land outside {@code targetDir}, or if writing fails
   */
  public static int extractTarGz(Path archive, Path targetDir) throws IOException {
    Path root = Files.createDirectories(targetDir).toAbsolutePath().normalize();
    try (InputStream in =
            new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), BUFFER);
        TarArchiveInputStream tar = new CheckedTarInputStream(in)) {
      return extract(tar, root);
    } catch (IOException e) {
      throw new IOException("Cannot extract archive " + archive + ": " + reason(e), e);
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

  private static int extract(TarArchiveInputStream tar, Path root) throws IOException {
    int files = 0;
    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
      if (entry.isDirectory()) {
        Files.createDirectories(resolve(root, entry.getName()));
      } else if (REGULAR.contains(entry.getLinkFlag())) {
        Path file = resolve(root, entry.getName());
        Files.createDirectories(file.getParent());
        Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
        files++;
      } else {
        LOG.debug("Skipping tar entry {} of type {}", entry.getName(), (char) entry.getLinkFlag());
      }
    }
    if (tar.getBytesRead() % TarConstants.DEFAULT_RCDSIZE != 0) {
      throw new EOFException("tar header cut short after " + files + " file(s)");
    }
    return files;
  }

  /** The path of an entry, refusing absolute names and names that escape {@code root}. */
  static Path resolve(Path root, String name) throws IOException {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\0")) {
      throw new IOException("refusing tar entry with unsafe name: " + name);
    }
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root)) {
      throw new IOException("refusing tar entry outside the target directory: " + name);
    }
    return p;
  }

  /** The cause in words; a stream that ends early says the archive is truncated. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    String message = e.getMessage();
    String detail = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    return e instanceof EOFException ? "the archive is truncated (" + detail + ")" : detail;
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

  /**
   * Refuses headers whose checksum does not match, which Commons Compress reads as they are: a
   * corrupt header would otherwise become an entry with a garbled name.
   */
  private static final class CheckedTarInputStream extends TarArchiveInputStream {
    CheckedTarInputStream(InputStream in) {
      super(in);
    }

    @Override
    protected byte[] readRecord() throws IOException {
      byte[] record = super.readRecord();
      if (record != null && !isEOFRecord(record) && !TarUtils.verifyCheckSum(record)) {
        throw new IOException(
            "corrupt tar header (bad checksum) after " + getBytesRead() + " bytes");
      }
      return record;
    }
  }
}
