package dev.culprit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLinesTest {

  @Test
  void findsTheLevelNearTheStart() {
    assertThat(LogSeverity.detect("16:42:22.382 INFO  t.s.TravelServiceImpl#532 TraceID: x"))
        .isEqualTo("INFO");
    assertThat(LogSeverity.detect("2023-01-29 08:00:00 [main] WARNING low disk")).isEqualTo("WARN");
    assertThat(LogSeverity.detect("level=ERROR msg=boom")).isEqualTo("ERROR");
  }

  @Test
  void ignoresLevelsLateInTheLineAndMixedCaseWords() {
    assertThat(LogSeverity.detect("17:35:16.620 t.s.Impl#1 TraceID: abc SpanID: def")).isNull();
    assertThat(LogSeverity.detect("one two three four five ERROR")).isNull();
    assertThat(LogSeverity.detect("Get user info")).isNull();
    assertThat(LogSeverity.detect("")).isNull();
  }

  @Test
  void readsTheTextOfADockerJsonLine() {
    String raw =
        "{\"log\":\"16:42:22.382 INFO  says \\\"hi\\\", ok\\n\",\"stream\":\"stdout\","
            + "\"time\":\"2023-01-29T08:42:22.383150913Z\"}";

    assertThat(DockerLogLine.body(raw)).isEqualTo("16:42:22.382 INFO  says \"hi\", ok");
  }

  @Test
  void keepsTextThatIsNotADockerJsonLine() {
    assertThat(DockerLogLine.body("plain line")).isEqualTo("plain line");
    assertThat(DockerLogLine.body("{\"log\":\"cut")).isEqualTo("{\"log\":\"cut");
    assertThat(DockerLogLine.body("{\"msg\":\"other\"}")).isEqualTo("{\"msg\":\"other\"}");
    assertThat(DockerLogLine.body("{\"stream\":{\"a\":[1]},\"log\":\"x\\r\\n\"}")).isEqualTo("x");
  }
}
