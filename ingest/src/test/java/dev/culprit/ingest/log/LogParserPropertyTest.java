package dev.culprit.ingest.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Lines of every shape, generated from a known severity, message and ids, read back to them; and
 * hostile lines, which must parse without throwing into a message no longer than a bound.
 */
class LogParserPropertyTest {
  private static final List<String> SEVERITY_KEYS =
      List.of("level", "severity", "lvl", "loglevel", "log.level", "levelname", "@l", "Level");
  private static final List<String> MESSAGE_KEYS =
      List.of("msg", "message", "log", "event", "text", "body", "@m", "MESSAGE");
  private static final List<String> TRACE_KEYS =
      List.of("trace_id", "traceId", "trace.id", "traceid", "TraceID", "mdc.trace_id");
  private static final List<String> SPAN_KEYS = List.of("span_id", "spanId", "span.id", "spanid");

  /**
   * A generated line and what it says.
   *
   * @param severity the level word as written
   * @param expected the normalised level
   * @param message the message
   * @param trace the trace id, or null
   * @param span the span id, or null
   * @param keys which of each list of keys to use
   */
  record Line(
      String severity, String expected, String message, String trace, String span, int keys) {
    String severityKey() {
      return SEVERITY_KEYS.get(keys % SEVERITY_KEYS.size());
    }

    String messageKey() {
      return MESSAGE_KEYS.get(keys / 7 % MESSAGE_KEYS.size());
    }

    String traceKey() {
      return TRACE_KEYS.get(keys / 11 % TRACE_KEYS.size());
    }

    String spanKey() {
      return SPAN_KEYS.get(keys / 13 % SPAN_KEYS.size());
    }
  }

  @Property(tries = 400)
  void jsonLinesRoundTrip(@ForAll("lines") Line line, @ForAll("wrappings") int wrapping) {
    String json = json(line);
    String raw = wrap(json, wrapping);

    assertThat(LogParser.parse(raw))
        .isEqualTo(new ParsedLog(line.expected(), line.message(), line.trace(), line.span()));
  }

  @Property(tries = 400)
  void logfmtLinesRoundTrip(@ForAll("lines") Line line, @ForAll("wrappings") int wrapping) {
    StringBuilder b = new StringBuilder("ts=2026-01-01T00:00:00Z ");
    b.append(line.severityKey()).append('=').append(line.severity());
    b.append(" ").append(line.messageKey()).append('=');
    b.append(Logfmt.quoteIfNeeded(line.message()));
    if (line.trace() != null) {
      b.append(' ').append(line.traceKey()).append('=').append(line.trace());
    }
    if (line.span() != null) {
      b.append(' ').append(line.spanKey()).append("=\"").append(line.span()).append('"');
    }
    String raw = wrap(b.toString(), wrapping);

    assertThat(LogParser.parse(raw))
        .isEqualTo(new ParsedLog(line.expected(), line.message(), line.trace(), line.span()));
  }

  @Property(tries = 400)
  void plainTextLinesRoundTrip(@ForAll("lines") Line line, @ForAll("headers") int header) {
    String message = line.message().replace('\n', ' ');
    if (line.trace() != null) {
      message += " TraceID: " + line.trace();
    }
    if (line.span() != null) {
      message += " span_id=" + line.span();
    }
    String raw =
        switch (header) {
          case 0 -> "2026-01-29 16:42:22.382 " + line.severity() + "  " + message;
          case 1 -> "[" + line.severity() + "] " + message;
          case 2 -> "2026-01-29T16:42:22Z [" + line.severity() + "] " + message;
          case 3 -> line.severity().toUpperCase(Locale.ROOT) + ":root:" + message;
          default -> "16:42:22.382 " + line.severity() + " - " + message;
        };
    String expectedMessage = header == 3 ? "root:" + message : message;
    String docker = "{\"log\":\"" + escapeJson(raw) + "\\n\",\"stream\":\"stderr\"}";

    ParsedLog expected = new ParsedLog(line.expected(), expectedMessage, line.trace(), line.span());
    assertThat(LogParser.parse(raw)).isEqualTo(expected);
    assertThat(LogParser.parse(docker)).isEqualTo(expected);
  }

  @Property(tries = 300)
  void anyTextParses(@ForAll("hostile") String raw) {
    ParsedLog parsed = LogParser.parse(raw);

    assertThat(parsed.message().length()).isLessThanOrEqualTo(bound(raw));
    assertThat(parsed.severity()).isIn(null, "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE");
    assertThat(parsed.traceId())
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(), t -> assertThat(t).matches("[0-9a-f]{16}|[0-9a-f]{32}"));
    assertThat(parsed.spanId())
        .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).matches("[0-9a-f]{16}"));
  }

  @Property(tries = 200)
  void invalidUtf8Parses(@ForAll @Size(max = 400) byte[] bytes) {
    String raw = "{\"log\":\"" + new String(bytes, StandardCharsets.UTF_8) + "\"}";

    assertThat(LogParser.parse(raw).message().length()).isLessThanOrEqualTo(bound(raw));
  }

  @Example
  void deepNestingFallsBackToText() {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
    String open = "{\"log\":".repeat(50_000);

    assertThat(LogParser.parse(deep).message()).isEqualTo(deep);
    assertThat(LogParser.parse(open).message()).isEqualTo(open);
    assertThat(LogParser.parse("[".repeat(100_000)).severity()).isNull();
  }

  @Example
  void nestedMessagesUnwrapOnlySoDeep() {
    String line = "{\"level\":\"error\",\"msg\":\"innermost\"}";
    for (int i = 0; i < 10; i++) {
      line = "{\"log\":\"" + escapeJson(line) + "\"}";
    }

    ParsedLog parsed = LogParser.parse(line);

    assertThat(parsed.severity()).isNull();
    assertThat(parsed.message()).startsWith("{\"log\":").contains("innermost");
  }

  @Example
  void hugeLinesParse() {
    String words = "word ".repeat(1_000_000);
    String json =
        "{\"level\":\"warn\",\"msg\":\"" + words + "\",\"x\":\"" + "\\\"".repeat(500_000) + "\"}";
    String logfmt = "level=info msg=\"" + "\\".repeat(1_000_000);
    String ids = "trace_id=" + "a".repeat(2_000_000);

    assertThat(LogParser.parse(json).severity()).isEqualTo("WARN");
    assertThat(LogParser.parse(json).message()).isEqualTo(words);
    assertThat(LogParser.parse(logfmt).severity()).isEqualTo("INFO");
    assertThat(LogParser.parse(ids).traceId()).isNull();
    assertThat(LogParser.parse("[" + "a,".repeat(1_000_000) + "]").traceId()).isNull();
  }

  @Provide
  Arbitrary<Line> lines() {
    Arbitrary<String[]> level =
        Arbitraries.of(
            new String[] {"error", "ERROR"},
            new String[] {"ERR", "ERROR"},
            new String[] {"Warning", "WARN"},
            new String[] {"warn", "WARN"},
            new String[] {"info", "INFO"},
            new String[] {"NOTICE", "INFO"},
            new String[] {"debug", "DEBUG"},
            new String[] {"trace", "TRACE"},
            new String[] {"fatal", "FATAL"},
            new String[] {"CRITICAL", "FATAL"},
            new String[] {"panic", "FATAL"});
    Arbitrary<String> id32 = hex(32).injectNull(0.25);
    Arbitrary<String> id16 = hex(16).injectNull(0.25);
    return Combinators.combine(
            level, messages(), id32, id16, Arbitraries.integers().between(0, 5000))
        .as((l, m, t, s, k) -> new Line(l[0], l[1], m, t, s, k));
  }

  @Provide
  Arbitrary<Integer> wrappings() {
    return Arbitraries.integers().between(0, 3);
  }

  @Provide
  Arbitrary<Integer> headers() {
    return Arbitraries.integers().between(0, 4);
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings()
            .withChars("{}[]\"\\=: <>,.-_\n\tlevelmsgtraceid0af19TZ")
            .ofMaxLength(300),
        Arbitraries.of(
                "{\"log\":\"",
                "{\"level\":",
                "level=",
                "msg=\"",
                "\\",
                "\"",
                "TraceID: ",
                "[",
                "<3>",
                "2026-01-01T00:00:00Z ",
                "stdout F ",
                "E0101 12:00:00.0 ",
                "4bf92f3577b34da6",
                ",",
                "{",
                "}",
                "\\\"",
                "\uD800",
                "\uFFFD",
                "ERROR",
                " ")
            .list()
            .ofMaxSize(40)
            .map(parts -> String.join("", parts)));
  }

  private static Arbitrary<String> messages() {
    Arbitrary<String> first =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(3)
            .ofMaxLength(8)
            .filter(w -> Severities.word(w) == null)
            .map(w -> "x" + w);
    Arbitrary<String> word =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8),
            Arbitraries.strings()
                .withChars("0123456789.,;()[]{}'\"\\=/:#")
                .ofMinLength(1)
                .ofMaxLength(5),
            Arbitraries.of("a=b", "ü", "日本", "\t", "\\n", "\n", "<*>", "null", "true"));
    return Combinators.combine(first, word.list().ofMaxSize(8))
        .as((f, rest) -> (f + " " + String.join(" ", rest)).strip());
  }

  private static Arbitrary<String> hex(int length) {
    return Arbitraries.strings()
        .withChars("0123456789abcdef")
        .ofLength(length)
        .filter(s -> s.chars().anyMatch(c -> c != '0'));
  }

  private static String json(Line line) {
    StringBuilder b = new StringBuilder("{\"time\":\"2026-01-01T00:00:00Z\",");
    b.append(field(line.severityKey(), line.severity())).append(',');
    b.append(field(line.messageKey(), line.message()));
    if (line.trace() != null) {
      b.append(',').append(field(line.traceKey(), line.trace().toUpperCase(Locale.ROOT)));
    }
    if (line.span() != null) {
      b.append(',').append(field(line.spanKey(), line.span()));
    }
    return b.append('}').toString();
  }

  private static String field(String path, String value) {
    int dot = path.indexOf('.');
    if (dot > 0 && new Random(path.hashCode()).nextBoolean()) {
      return "\"" + path.substring(0, dot) + "\":{" + field(path.substring(dot + 1), value) + "}";
    }
    return "\"" + path + "\":\"" + escapeJson(value) + "\"";
  }

  /** 0 as is; 1 in Docker's json-file line; 2 in a CRI line; 3 in a CRI line in Docker's. */
  private static String wrap(String line, int wrapping) {
    String cri = wrapping >= 2 ? "2026-01-01T00:00:00.123456789Z stdout F " + line : line;
    return wrapping % 2 == 1
        ? "{\"log\":\"" + escapeJson(cri) + "\\n\",\"stream\":\"stdout\",\"time\":\"t\"}"
        : cri;
  }

  private static String escapeJson(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static int bound(String raw) {
    return 2 * raw.length() + 256;
  }
}
