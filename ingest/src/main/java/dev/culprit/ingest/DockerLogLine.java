package dev.culprit.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads lines written by Docker's json-file log driver, {@code
 * {"log":"text\n","stream":"stdout","time":"..."}}.
 */
public final class DockerLogLine {
  private static final JsonFactory JSON = new JsonFactory();

  private DockerLogLine() {}

  /**
   * The {@code log} text without its trailing line break; {@code raw} itself when it is not such a
   * JSON object.
   */
  public static String body(String raw) {
    if (raw.isEmpty() || raw.charAt(0) != '{') {
      return raw;
    }
    try (JsonParser p = JSON.createParser(raw)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("log") && value == JsonToken.VALUE_STRING) {
          return stripLineBreak(p.getText());
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      return raw;
    }
    return raw;
  }

  private static String stripLineBreak(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }
}
