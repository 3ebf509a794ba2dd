package dev.culprit.ingest.format;

import java.util.Locale;

/** Content-type and first-byte sniffing for choosing between JSON and protobuf. */
final class ContentTypes {
  private ContentTypes() {}

  /** The media type without parameters, lower case, or null. */
  static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  static boolean isJson(String contentType) {
    String type = mediaType(contentType);
    return type != null && (type.equals("application/json") || type.endsWith("+json"));
  }

  static boolean isProtobuf(String contentType) {
    String type = mediaType(contentType);
    return type != null
        && (type.equals("application/x-protobuf")
            || type.equals("application/protobuf")
            || type.equals("application/vnd.google.protobuf"));
  }

  /** Whether the first byte that is not JSON whitespace opens a JSON object or array. */
  static boolean looksLikeJson(byte[] payload) {
    if (payload == null) {
      return false;
    }
    for (byte b : payload) {
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        continue;
      }
      return b == '{' || b == '[';
    }
    return false;
  }
}
