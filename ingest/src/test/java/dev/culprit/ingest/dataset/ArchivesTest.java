package dev.culprit.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
  @TempDir Path tmp;

  @Test
  void extractsDirectoriesFilesLongNamesAndPaxPaths() throws IOException {
    Path archive = tmp.resolve("a.tar.gz");
    String longName = "top/" + "deep/".repeat(30) + "file.csv";
    try (var tar = new TarGzWriter(archive)) {
      tar.directory("top/")
          .file("top/small.txt", bytes("hello"))
          .file(longName, bytes("x".repeat(1000)))
          .paxFile("top/pax/named.txt", bytes("pax"))
          .symlink("top/link")
          .directory("top/empty/");
    }

    int files = Archives.extractTarGz(archive, tmp.resolve("out"));

    Path out = tmp.resolve("out");
    assertThat(files).isEqualTo(3);
    assertThat(out.resolve("top/small.txt")).hasContent("hello");
    assertThat(out.resolve(longName)).hasContent("x".repeat(1000));
    assertThat(out.resolve("top/pax/named.txt")).hasContent("pax");
    assertThat(out.resolve("top/empty")).isEmptyDirectory();
    assertThat(out.resolve("top/link")).doesNotExist();
    assertThat(out.resolve("short-name")).doesNotExist();
  }

  @Test
  void refusesEntriesThatEscapeTheTargetDirectory() throws IOException {
    Path archive = tmp.resolve("evil.tar.gz");
    try (var tar = new TarGzWriter(archive)) {
      tar.file("ok.txt", bytes("fine")).file("a/../../evil.txt", bytes("boom"));
    }

    assertThatThrownBy(() -> Archives.extractTarGz(archive, tmp.resolve("out")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside the target directory: a/../../evil.txt");
    assertThat(tmp.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void refusesAbsoluteNames() throws IOException {
    Path archive = tmp.resolve("abs.tar.gz");
    try (var tar = new TarGzWriter(archive)) {
      tar.file("/etc/evil", bytes("boom"));
    }

    assertThatThrownBy(() -> Archives.extractTarGz(archive, tmp.resolve("out")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unsafe name: /etc/evil");
  }

  @Test
  void rejectsACorruptHeader() throws IOException {
    Path archive = tmp.resolve("bad.tar.gz");
    try (var tar = new TarGzWriter(archive)) {
      tar.file("ok.txt", bytes("fine"));
    }
    byte[] tar;
    try (var in = new GZIPInputStream(Files.newInputStream(archive))) {
      tar = in.readAllBytes();
    }
    tar[0] = 'X';
    Path broken = tmp.resolve("broken.tar.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(broken))) {
      out.write(tar);
    }

    assertThatThrownBy(() -> Archives.extractTarGz(broken, tmp.resolve("out")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot extract archive " + broken + ": ")
        .hasMessageContaining("corrupt tar header (bad checksum)");
  }

  @Test
  void namesTheFileOfATruncatedArchive() throws IOException {
    Path archive = tmp.resolve("whole.tar.gz");
    try (var tar = new TarGzWriter(archive)) {
      tar.file("first.csv", bytes("a,b\n1,2\n")).file("second.csv", bytes("y".repeat(50_000)));
    }
    byte[] gz = Files.readAllBytes(archive);
    Path cut = tmp.resolve("cut.tar.gz");
    Files.write(cut, Arrays.copyOf(gz, gz.length / 2));

    assertThatThrownBy(() -> Archives.extractTarGz(cut, tmp.resolve("out")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot extract archive " + cut + ": the archive is truncated");
  }

  @Test
  void namesTheFileOfATarCutInsideAnEntryOrAHeader() throws IOException {
    Path archive = tmp.resolve("whole.tar.gz");
    try (var tar = new TarGzWriter(archive)) {
      tar.file("first.csv", bytes("x".repeat(700))).file("second.csv", bytes("y".repeat(700)));
    }
    byte[] tar = gunzip(archive);
    Path inEntry = gzip(tmp.resolve("in-entry.tar.gz"), Arrays.copyOf(tar, 512 + 300));
    Path inHeader = gzip(tmp.resolve("in-header.tar.gz"), Arrays.copyOf(tar, 3 * 512 + 100));

    assertThatThrownBy(() -> Archives.extractTarGz(inEntry, tmp.resolve("a")))
        .hasMessage("Cannot extract archive " + inEntry + ": Truncated TAR archive");
    assertThatThrownBy(() -> Archives.extractTarGz(inHeader, tmp.resolve("b")))
        .hasMessage(
            "Cannot extract archive "
                + inHeader
                + ": the archive is truncated (tar header cut short after 1 file(s))");
  }

  @Test
  void readsLongGnuAndPaxNamesOfEveryLength() throws IOException {
    Path archive = tmp.resolve("long.tar.gz");
    String gnu = "rca_data/2023-01-29/metric/" + "a".repeat(180) + "_metric.csv";
    String pax = "rca_data/2023-01-29/trace/" + "b".repeat(150) + "/" + "c".repeat(150) + ".csv";
    try (var tar = new TarGzWriter(archive)) {
      tar.file(gnu, bytes("gnu")).paxFile(pax, bytes("pax"));
    }

    int files = Archives.extractTarGz(archive, tmp.resolve("out"));

    assertThat(files).isEqualTo(2);
    assertThat(tmp.resolve("out").resolve(gnu)).hasContent("gnu");
    assertThat(tmp.resolve("out").resolve(pax)).hasContent("pax");
    assertThat(tmp.resolve("out/short-name")).doesNotExist();
  }

  private static byte[] gunzip(Path archive) throws IOException {
    try (var in = new GZIPInputStream(Files.newInputStream(archive))) {
      return in.readAllBytes();
    }
  }

  private static Path gzip(Path target, byte[] data) throws IOException {
    try (var out = new GZIPOutputStream(Files.newOutputStream(target))) {
      out.write(data);
    }
    return target;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
