package dev.culprit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentEncodingTest {

  @Test
  void aGzipBombStopsAtTheLimitInsteadOfInflatingWhole() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) {
        gz.write(zeros);
      }
    }
    byte[] bomb = out.toByteArray();
    assertThat(bomb.length).isLessThan(1 << 20);
    assertThatThrownBy(
            () -> ContentEncoding.decode(bomb, List.of(ContentEncoding.Coding.GZIP), 1 << 20))
        .isInstanceOfSatisfying(RequestProblem.class, p -> assertThat(p.status()).isEqualTo(413))
        .hasMessage("body decodes to more than 1048576 bytes");
  }

  @Test
  void deflateIsReadAsZlibOrAsRawDeflateAndCodingsAreUndoneLastFirst() throws Exception {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (DeflaterOutputStream z =
        new DeflaterOutputStream(raw, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
      z.write(json);
    }
    List<ContentEncoding.Coding> both = ContentEncoding.parse("deflate, gzip");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write(raw.toByteArray());
    }
    assertThat(ContentEncoding.decode(raw.toByteArray(), ContentEncoding.parse("deflate"), 100))
        .isEqualTo(json);
    assertThat(both).containsExactly(ContentEncoding.Coding.DEFLATE, ContentEncoding.Coding.GZIP);
    assertThat(ContentEncoding.decode(gz.toByteArray(), both, 100)).isEqualTo(json);
    assertThat(ContentEncoding.parse(" Identity ")).isEmpty();
  }

  @Test
  void anUnknownCodingIs415() {
    assertThatThrownBy(() -> ContentEncoding.parse("gzip, zstd"))
        .isInstanceOfSatisfying(RequestProblem.class, p -> assertThat(p.status()).isEqualTo(415))
        .hasMessage("unsupported Content-Encoding zstd; use gzip, deflate or identity");
  }
}
