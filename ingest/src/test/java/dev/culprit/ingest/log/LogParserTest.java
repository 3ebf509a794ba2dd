package dev.culprit.ingest.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogParserTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  @Test
  void dockerJsonFileLineGivesItsTextWithoutTheLineBreak() {
    String raw =
        "{\"log\":\"16:42:22.382 INFO  says \\\"hi\\\", ok\\n\",\"stream\":\"stdout\","
            + "\"time\":\"2023-01-29T08:42:22.383150913Z\"}";

    assertThat(LogParser.parse(raw))
        .isEqualTo(new ParsedLog("INFO", "says \"hi\", ok", null, null));
  }

  @Test
  void criLineGivesItsMessage() {
    assertThat(LogParser.parse("2026-01-01T00:00:00.000000001Z stderr F [warn] disk at 91%"))
        .isEqualTo(new ParsedLog("WARN", "disk at 91%", null, null));
    assertThat(
            LogParser.parse(
                "2026-01-01T00:00:00+01:00 stdout P {\"level\":\"error\",\"msg\":\"x\"}"))
        .isEqualTo(new ParsedLog("ERROR", "x", null, null));
  }

  @Test
  void jsonInsideDockersLogIsReadToo() {
    String inner =
        "{\\\"timestamp\\\": \\\"2022-08-22T05:18:42.908318Z\\\", \\\"severity\\\": \\\"WARNING\\\","
            + " \\\"name\\\": \\\"cart-server\\\", \\\"message\\\": \\\"TraceID: "
            + TRACE
            + " SpanID: "
            + SPAN
            + " cart empty\\\"}";
    String raw = "{\"log\":\"" + inner + "\\n\",\"stream\":\"stdout\",\"time\":\"x\"}";

    assertThat(LogParser.parse(raw))
        .isEqualTo(
            new ParsedLog(
                "WARN",
                "cart-server TraceID: " + TRACE + " SpanID: " + SPAN + " cart empty",
                TRACE,
                SPAN));
  }

  @Test
  void nestedAndDottedLevelKeysAreTheSame() {
    assertThat(LogParser.parse("{\"log\":{\"level\":\"warn\"},\"message\":\"m\"}").severity())
        .isEqualTo("WARN");
    assertThat(LogParser.parse("{\"log.level\":\"error\",\"message\":\"m\"}").severity())
        .isEqualTo("ERROR");
    assertThat(LogParser.parse("{\"LEVEL\":\"Error\",\"Msg\":\"m\"}"))
        .isEqualTo(new ParsedLog("ERROR", "m", null, null));
  }

  @Test
  void severityFieldsAreTriedInTheirOrder() {
    assertThat(
            LogParser.parse("{\"severity\":\"debug\",\"level\":\"error\",\"msg\":\"m\"}")
                .severity())
        .isEqualTo("ERROR");
    assertThat(
            LogParser.parse("{\"level\":\"loud\",\"severity\":\"warn\",\"msg\":\"m\"}").severity())
        .isEqualTo("WARN");
    assertThat(LogParser.parse("{\"@l\":\"Information\",\"@mt\":\"User {Name} in\"}"))
        .isEqualTo(new ParsedLog("INFO", "User {Name} in", null, null));
    assertThat(LogParser.parse("{\"severityNumber\":17,\"body\":\"b\"}").severity())
        .isEqualTo("ERROR");
  }

  @Test
  void statusCountsOnlyWhenItIsALevelWord() {
    assertThat(LogParser.parse("{\"status\":\"error\",\"msg\":\"m\"}").severity())
        .isEqualTo("ERROR");
    assertThat(LogParser.parse("{\"status\":500,\"msg\":\"m\"}").severity()).isNull();
    assertThat(LogParser.parse("{\"status\":\"5\",\"msg\":\"m\"}").severity()).isNull();
  }

  @Test
  void numericLevelsBySyslogAndBunyan() {
    assertThat(LogParser.parse("{\"level\":50,\"msg\":\"m\"}").severity()).isEqualTo("ERROR");
    assertThat(LogParser.parse("{\"level\":30,\"msg\":\"m\"}").severity()).isEqualTo("INFO");
    assertThat(LogParser.parse("{\"level\":\"60\",\"msg\":\"m\"}").severity()).isEqualTo("FATAL");
    assertThat(LogParser.parse("{\"level\":3,\"msg\":\"m\"}").severity()).isEqualTo("ERROR");
    assertThat(LogParser.parse("{\"level\":7,\"msg\":\"m\"}").severity()).isEqualTo("DEBUG");
    assertThat(LogParser.parse("{\"level\":99,\"msg\":\"m\"}").severity()).isNull();
  }

  @Test
  void innerLayersWinOverOuterOnes() {
    String raw =
        "{\"severity\":\"INFO\",\"trace_id\":\""
            + "11111111111111111111111111111111"
            + "\",\"message\":\"{\\\"level\\\":\\\"error\\\",\\\"trace_id\\\":\\\""
            + TRACE
            + "\\\",\\\"msg\\\":\\\"inner\\\"}\"}";

    assertThat(LogParser.parse(raw)).isEqualTo(new ParsedLog("ERROR", "inner", TRACE, null));
  }

  @Test
  void aStructuredSeverityKeepsTheMessageAsWritten() {
    assertThat(LogParser.parse("{\"level\":\"info\",\"msg\":\"ERROR: disk full\"}"))
        .isEqualTo(new ParsedLog("INFO", "ERROR: disk full", null, null));
  }

  @Test
  void logfmtLine() {
    String raw =
        "time=2026-01-01T00:00:00Z level=warn msg=\"user \\\"ana\\\" slow\\tagain\" trace_id="
            + TRACE
            + " span_id="
            + SPAN
            + " took=3s";

    assertThat(LogParser.parse(raw))
        .isEqualTo(new ParsedLog("WARN", "user \"ana\" slow\tagain", TRACE, SPAN));
  }

  @Test
  void logfmtWithoutAMessageKeepsItsOtherFields() {
    assertThat(LogParser.parse("level=error method=GET path=/cart status=500 took=12ms"))
        .isEqualTo(
            new ParsedLog("ERROR", "method=GET path=/cart status=500 took=12ms", null, null));
    assertThat(LogParser.parse("level=error something broke"))
        .isEqualTo(new ParsedLog("ERROR", "something broke", null, null));
  }

  @Test
  void jsonWithoutAMessageKeepsItsOtherFieldsAsLogfmt() {
    assertThat(
            LogParser.parse(
                "{\"ts\":1.7e9,\"level\":\"info\",\"http\":{\"path\":\"/a b\",\"code\":200},\"ok\":true,\"n\":null}"))
        .isEqualTo(new ParsedLog("INFO", "http.path=\"/a b\" http.code=200 ok=true", null, null));
  }

  @Test
  void textWithOneFieldIsNotLogfmt() {
    assertThat(LogParser.parse("user=ana logged in"))
        .isEqualTo(new ParsedLog(null, "user=ana logged in", null, null));
    assertThat(LogParser.parse("GetCartAsync called with userId=72330e75"))
        .isEqualTo(new ParsedLog(null, "GetCartAsync called with userId=72330e75", null, null));
  }

  @Test
  void sourceFieldsArePutBeforeTheMessage() {
    assertThat(
            LogParser.parse(
                    "{\"level\":\"info\",\"caller\":\"server/handler.go:57\",\"msg\":\"done\"}")
                .message())
        .isEqualTo("server/handler.go:57 done");
    assertThat(
            LogParser.parse(
                    "{\"msg\":\"m\",\"source\":{\"function\":\"f\",\"file\":\"/a/b.go\",\"line\":9}}")
                .message())
        .isEqualTo("/a/b.go:9 m");
    assertThat(
            LogParser.parse("{\"message\":\"m\",\"logger_name\":\"c.x.Orders\",\"level\":\"INFO\"}")
                .message())
        .isEqualTo("c.x.Orders m");
    assertThat(
            LogParser.parse("{\"message\":\"c.x.Orders: m\",\"logger\":\"c.x.Orders\"}").message())
        .isEqualTo("c.x.Orders: m");
  }

  @Test
  void plainTextHeaders() {
    assertThat(LogParser.parse("2023-01-29 16:42:22.382 INFO  t.s.TravelServiceImpl#532 Route ok"))
        .isEqualTo(new ParsedLog("INFO", "t.s.TravelServiceImpl#532 Route ok", null, null));
    assertThat(LogParser.parse("[ERROR] boom"))
        .isEqualTo(new ParsedLog("ERROR", "boom", null, null));
    assertThat(LogParser.parse("2026-01-01T10:00:00Z [error] boom"))
        .isEqualTo(new ParsedLog("ERROR", "boom", null, null));
    assertThat(LogParser.parse("05:18:42.995 INFO  - Get Ads finish"))
        .isEqualTo(new ParsedLog("INFO", "Get Ads finish", null, null));
    assertThat(LogParser.parse("2026-01-01 10:00:00,123 warning low disk"))
        .isEqualTo(new ParsedLog("WARN", "low disk", null, null));
    assertThat(LogParser.parse("ERROR:root:no route"))
        .isEqualTo(new ParsedLog("ERROR", "root:no route", null, null));
    assertThat(LogParser.parse("warning: deprecated"))
        .isEqualTo(new ParsedLog("WARN", "deprecated", null, null));
  }

  @Test
  void klogAndSyslogHeaders() {
    assertThat(LogParser.parse("E0101 12:00:00.000000    7 reflector.go:138] watch failed"))
        .isEqualTo(new ParsedLog("ERROR", "reflector.go:138] watch failed", null, null));
    assertThat(LogParser.parse("W0101 12:00:00.123 proxier.go:9] slow"))
        .isEqualTo(new ParsedLog("WARN", "proxier.go:9] slow", null, null));
    assertThat(LogParser.parse("<3>kernel: oops"))
        .isEqualTo(new ParsedLog("ERROR", "kernel: oops", null, null));
    assertThat(LogParser.parse("<14>1 2026-01-01T00:00:00Z host app - - started"))
        .isEqualTo(new ParsedLog("INFO", "host app - - started", null, null));
  }

  @Test
  void levelsOutsideTheHeaderAreFoundButNothingIsCut() {
    assertThat(LogParser.parse("[main] WARN c.x.Pool - low"))
        .isEqualTo(new ParsedLog("WARN", "[main] WARN c.x.Pool - low", null, null));
    assertThat(LogParser.parse("app[12]: [notice] started"))
        .isEqualTo(new ParsedLog("INFO", "app[12]: [notice] started", null, null));
    assertThat(LogParser.parse("request done, level: warn, id 4").severity()).isEqualTo("WARN");
  }

  @Test
  void wordsThatOnlyLookLikeLevelsAreNot() {
    assertThat(LogParser.parse("Get user info").severity()).isNull();
    assertThat(LogParser.parse("Error while reading").severity()).isNull();
    assertThat(LogParser.parse("net::ERR_CONNECTION_REFUSED").severity()).isNull();
    assertThat(LogParser.parse("one two three four five ERROR").severity()).isNull();
    assertThat(LogParser.parse("17:35:16.620 t.s.Impl#1 TraceID: abc SpanID: def").severity())
        .isNull();
    assertThat(LogParser.parse("").severity()).isNull();
  }

  @Test
  void traceIdsFromFields() {
    assertThat(
            ids(
                "{\"msg\":\"m\",\"traceId\":\""
                    + TRACE.toUpperCase()
                    + "\",\"spanId\":\""
                    + SPAN
                    + "\"}"))
        .isEqualTo(TRACE + "/" + SPAN);
    assertThat(ids("{\"msg\":\"m\",\"trace.id\":\"" + TRACE + "\",\"span.id\":\"" + SPAN + "\"}"))
        .isEqualTo(TRACE + "/" + SPAN);
    assertThat(ids("{\"msg\":\"m\",\"mdc\":{\"traceid\":\"" + TRACE + "\"}}"))
        .isEqualTo(TRACE + "/null");
    assertThat(
            ids(
                "{\"msg\":\"m\",\"logging.googleapis.com/trace\":\"projects/p/traces/"
                    + TRACE
                    + "\","
                    + "\"logging.googleapis.com/spanId\":\""
                    + SPAN
                    + "\"}"))
        .isEqualTo(TRACE + "/" + SPAN);
    assertThat(ids("{\"msg\":\"m\",\"traceparent\":\"00-" + TRACE + "-" + SPAN + "-01\"}"))
        .isEqualTo(TRACE + "/" + SPAN);
    assertThat(ids("{\"msg\":\"m\",\"dd.trace_id\":\"1234567890123456789\",\"dd.span_id\":\"42\"}"))
        .isEqualTo("112210f47de98115/000000000000002a");
  }

  @Test
  void invalidIdsAreDropped() {
    assertThat(ids("{\"msg\":\"m\",\"trace_id\":\"xyz\",\"span_id\":\"0000000000000000\"}"))
        .isEqualTo("null/null");
    assertThat(ids("{\"msg\":\"m\",\"trace_id\":\"abcdef\",\"span_id\":\"" + TRACE + "\"}"))
        .isEqualTo("null/null");
    assertThat(ids("trace_id=" + TRACE + "ff span_id=" + SPAN + "z")).isEqualTo("null/null");
  }

  @Test
  void traceIdsFromText() {
    assertThat(ids("16:42:22.382 INFO  x TraceID: " + TRACE + " SpanID: " + SPAN + " [a]"))
        .isEqualTo(TRACE + "/" + SPAN);
    assertThat(ids("handled trace_id=" + TRACE + " ok")).isEqualTo(TRACE + "/null");
    assertThat(ids("2026-01-01 10:00:00.000  INFO [orders," + TRACE + "," + SPAN + "] 1 --- m"))
        .isEqualTo(TRACE + "/" + SPAN);
    assertThat(ids("INFO [" + SPAN + "," + SPAN + ",true] m")).isEqualTo(SPAN + "/" + SPAN);
    assertThat(ids("call with traceparent: 00-" + TRACE + "-" + SPAN + "-01"))
        .isEqualTo(TRACE + "/" + SPAN);
    assertThat(ids("parentSpanId=" + SPAN)).isEqualTo("null/null");
  }

  @Test
  void knownValuesWin() {
    ParsedLog parsed = LogParser.parse("TraceID: " + TRACE + " SpanID: " + SPAN + " [ERROR] x");

    assertThat(parsed.preferring("WARN", "t1", ""))
        .isEqualTo(new ParsedLog("WARN", parsed.message(), "t1", SPAN));
    assertThat(LogParser.severity("Warning", 0)).isEqualTo("WARN");
    assertThat(LogParser.severity("", 21)).isEqualTo("FATAL");
    assertThat(LogParser.severity("AUDIT", 9)).isEqualTo("INFO");
    assertThat(LogParser.severity(null, 0)).isNull();
  }

  @Test
  void brokenStructureReadsAsText() {
    assertThat(LogParser.parse("{\"log\":\"cut"))
        .isEqualTo(new ParsedLog(null, "{\"log\":\"cut", null, null));
    assertThat(LogParser.parse("{\"msg\":\"ok\"}trailing"))
        .isEqualTo(new ParsedLog(null, "ok", null, null));
    assertThat(LogParser.parse("{}")).isEqualTo(new ParsedLog(null, "{}", null, null));
    assertThat(LogParser.parse("level=error msg=\"unterminated"))
        .isEqualTo(new ParsedLog("ERROR", "unterminated", null, null));
    assertThat(LogParser.parse(null)).isEqualTo(new ParsedLog(null, "", null, null));
  }

  private static String ids(String raw) {
    ParsedLog p = LogParser.parse(raw);
    return p.traceId() + "/" + p.spanId();
  }
}
