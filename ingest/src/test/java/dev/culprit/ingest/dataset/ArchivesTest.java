package dev.culprit.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        .hasMessageContaining("bad checksum");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
