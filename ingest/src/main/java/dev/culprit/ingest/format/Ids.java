package dev.culprit.ingest.format;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.Locale;

/** Trace and span ids: lower-case hex, as Zipkin and OTLP JSON write them. */
final class Ids {
  private static final HexFormat HEX = HexFormat.of();

  private Ids() {}

  /** Lower-case hex of the bytes, or null for an empty id. */
  static String hex(ByteString id) {
    return id == null || id.isEmpty() ? null : HEX.formatHex(id.toByteArray());
  }

  /** Whether the text is a non-empty, even-length run of hex digits. */
  static boolean isHex(String text) {
    if (text == null || text.isEmpty() || text.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** A Zipkin id (1 to 32 hex digits) normalised to lower case, or a rejection. */
  static String zipkin(String text, String where) {
    if (text == null || text.isEmpty() || text.length() > 32) {
      throw new FormatException(where + " is not a hex id");
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        throw new FormatException(where + " is not a hex id");
      }
    }
    return text.toLowerCase(Locale.ROOT);
  }
}
