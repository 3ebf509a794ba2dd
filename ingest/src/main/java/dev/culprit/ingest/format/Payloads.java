package dev.culprit.ingest.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.model.Json;
import dev.culprit.model.Signal;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/** The boundary every parser goes through: size and depth limits and the catch-all. */
final class Payloads {
  /** Payloads larger than this are rejected unread (Kafka's default record limit is 1 MiB). */
  static final int MAX_BYTES = 64 * 1024 * 1024;

  /** JSON nesting deeper than this is rejected; every format here nests a dozen levels at most. */
  static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER = boundedMapper();

  private Payloads() {}

  /** Runs a parse, turning every failure into a rejection. */
  static ParseResult guard(byte[] payload, Supplier<List<Signal>> parse) {
    return guardParsed(payload, () -> new ParseResult.Parsed(parse.get()));
  }

  /** Runs a parse that may leave items out, turning every failure into a rejection. */
  static ParseResult guardParsed(byte[] payload, Supplier<ParseResult.Parsed> parse) {
    if (payload == null) {
      return new ParseResult.Rejected("no payload");
    }
    if (payload.length == 0) {
      return new ParseResult.Rejected("empty payload");
    }
    if (payload.length > MAX_BYTES) {
      return new ParseResult.Rejected("payload too large: " + payload.length + " bytes");
    }
    try {
      return parse.get();
    } catch (FormatException e) {
      return new ParseResult.Rejected(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return new ParseResult.Rejected("invalid payload: " + describe(e));
    }
  }

  /** Reads a JSON document, or throws {@link FormatException} with Jackson's short message. */
  static JsonNode readJson(byte[] payload) {
    try {
      JsonNode node = MAPPER.readTree(payload);
      if (node == null || node.isMissingNode()) {
        throw new FormatException("not JSON: no content");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new FormatException("not JSON: " + firstLine(e.getOriginalMessage()) + at(e));
    } catch (IOException e) {
      throw new FormatException("not JSON: " + firstLine(e.getMessage()));
    }
  }

  /** Writes a JSON tree back to bytes. */
  static byte[] writeJson(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new FormatException("cannot re-encode JSON: " + firstLine(e.getOriginalMessage()));
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : firstLine(message);
  }

  static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static String at(JsonProcessingException e) {
    var location = e.getLocation();
    return location == null
        ? ""
        : " at line " + location.getLineNr() + " column " + location.getColumnNr();
  }

  private static ObjectMapper boundedMapper() {
    ObjectMapper mapper = Json.create();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    return mapper;
  }
}
