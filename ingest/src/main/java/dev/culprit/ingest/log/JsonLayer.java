package dev.culprit.ingest.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a log line that is a JSON object into {@link Fields}: scalar values (strings, numbers,
 * booleans) under their dotted paths, objects nested up to {@link #MAX_DEPTH} levels; arrays and
 * deeper objects are skipped, JSON nulls are left out. Text after the closing brace is ignored (a
 * log line cut and glued to the next still has its fields). Not a JSON object, or a broken one,
 * reads as null.
 */
final class JsonLayer {
  static final int MAX_DEPTH = 8;
  private static final int MAX_NESTING = 256;
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
          .build();

  private JsonLayer() {}

  /** The fields of a JSON object line, or null when the text is not one. */
  static Fields read(String text) {
    if (!startsWithBrace(text)) {
      return null;
    }
    List<Fields.Field> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      object(p, "", 1, out);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return new Fields(out);
  }

  private static void object(JsonParser p, String prefix, int depth, List<Fields.Field> out)
      throws IOException {
    JsonToken token;
    while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
      String path = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.START_OBJECT && depth < MAX_DEPTH) {
        object(p, path, depth + 1, out);
      } else if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
        if (out.size() < Fields.MAX_FIELDS) {
          String text = p.getText();
          out.add(Fields.of(path, text, path + "=" + Logfmt.quoteIfNeeded(text)));
        }
      } else {
        p.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IOException("unterminated object");
    }
  }

  private static boolean startsWithBrace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return false;
  }
}
