package dev.culprit.http;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The request body codings of {@code Content-Encoding} the receivers read: {@code gzip} (also
 * {@code x-gzip}), {@code deflate} (zlib, or raw deflate as some clients send it) and {@code
 * identity}. A body is decoded into at most the body limit, so that a small compressed body that
 * inflates past it (a gzip bomb) is refused with 413 without being held in memory.
 */
final class ContentEncoding {
  static final String SUPPORTED = "gzip, deflate or identity";

  enum Coding {
    GZIP,
    DEFLATE
  }

  private ContentEncoding() {}

  /**
   * The codings of a {@code Content-Encoding} header, in the order they were applied ({@code
   * identity} left out; empty for none).
   *
   * @throws RequestProblem 415 for a coding the receivers cannot read
   */
  static List<Coding> parse(String header) throws RequestProblem {
    List<Coding> codings = new ArrayList<>();
    if (header == null) {
      return codings;
    }
    for (String part : header.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "", "identity" -> {}
        case "gzip", "x-gzip" -> codings.add(Coding.GZIP);
        case "deflate" -> codings.add(Coding.DEFLATE);
        default ->
            throw new RequestProblem(
                415, "unsupported Content-Encoding " + part.trim() + "; use " + SUPPORTED);
      }
    }
    return codings;
  }

  /**
   * {@code body} with {@code codings} undone, last applied first.
   *
   * @throws RequestProblem 413 when it decodes to more than {@code limit} bytes, 400 when it is not
   *     validly encoded
   */
  static byte[] decode(byte[] body, List<Coding> codings, int limit) throws RequestProblem {
    byte[] decoded = body;
    for (int i = codings.size() - 1; i >= 0; i--) {
      decoded = decode(decoded, codings.get(i), limit);
    }
    return decoded;
  }

  private static byte[] decode(byte[] body, Coding coding, int limit) throws RequestProblem {
    try {
      return switch (coding) {
        case GZIP -> inflate(new GZIPInputStream(new ByteArrayInputStream(body)), limit);
        case DEFLATE -> inflateDeflate(body, limit);
      };
    } catch (ZipException | EOFException e) {
      throw new RequestProblem(
          400, "body is not valid " + name(coding) + " (Content-Encoding): " + e.getMessage());
    } catch (IOException e) {
      throw new RequestProblem(400, "cannot decode the " + name(coding) + " body: " + e);
    }
  }

  private static byte[] inflateDeflate(byte[] body, int limit) throws IOException, RequestProblem {
    try {
      return inflate(new InflaterInputStream(new ByteArrayInputStream(body)), limit);
    } catch (ZipException zlib) {
      Inflater raw = new Inflater(true);
      try {
        return inflate(new InflaterInputStream(new ByteArrayInputStream(body), raw), limit);
      } finally {
        raw.end();
      }
    }
  }

  private static byte[] inflate(InputStream in, int limit) throws IOException, RequestProblem {
    try (in) {
      byte[] out = IngestServer.readLimited(in, limit);
      if (out == null) {
        throw new RequestProblem(413, "body decodes to more than " + limit + " bytes");
      }
      return out;
    }
  }

  private static String name(Coding coding) {
    return coding.name().toLowerCase(Locale.ROOT);
  }
}
