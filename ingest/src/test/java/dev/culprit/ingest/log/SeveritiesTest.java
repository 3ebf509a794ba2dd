package dev.culprit.ingest.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeveritiesTest {

  @Test
  void wordsInAnyCase() {
    assertThat(Severities.word("CRIT")).isEqualTo("FATAL");
    assertThat(Severities.word("emerg")).isEqualTo("FATAL");
    assertThat(Severities.word("Alert")).isEqualTo("FATAL");
    assertThat(Severities.word("panic")).isEqualTo("FATAL");
    assertThat(Severities.word("dpanic")).isEqualTo("ERROR");
    assertThat(Severities.word("err")).isEqualTo("ERROR");
    assertThat(Severities.word("SEVERE")).isEqualTo("ERROR");
    assertThat(Severities.word("Warning")).isEqualTo("WARN");
    assertThat(Severities.word("notice")).isEqualTo("INFO");
    assertThat(Severities.word("Information")).isEqualTo("INFO");
    assertThat(Severities.word("fine")).isEqualTo("DEBUG");
    assertThat(Severities.word("Verbose")).isEqualTo("TRACE");
    assertThat(Severities.word("default")).isNull();
    assertThat(Severities.word("")).isNull();
  }

  @Test
  void lettersAndNumbers() {
    assertThat(Severities.value("E", false)).isEqualTo("ERROR");
    assertThat(Severities.value("w", false)).isEqualTo("WARN");
    assertThat(Severities.value("I", false)).isEqualTo("INFO");
    assertThat(Severities.value("x", false)).isNull();
    assertThat(Severities.value("0", false)).isEqualTo("FATAL");
    assertThat(Severities.value("4", false)).isEqualTo("WARN");
    assertThat(Severities.value("6", false)).isEqualTo("INFO");
    assertThat(Severities.value("8", false)).isNull();
    assertThat(Severities.value("10", false)).isEqualTo("TRACE");
    assertThat(Severities.value("40", false)).isEqualTo("WARN");
    assertThat(Severities.value("60", false)).isEqualTo("FATAL");
    assertThat(Severities.value("70", false)).isNull();
    assertThat(Severities.value("-1", false)).isNull();
    assertThat(Severities.value(" info ", false)).isEqualTo("INFO");
  }

  @Test
  void otlpSeverityNumbersByRange() {
    assertThat(Severities.value("1", true)).isEqualTo("TRACE");
    assertThat(Severities.value("8", true)).isEqualTo("DEBUG");
    assertThat(Severities.value("9", true)).isEqualTo("INFO");
    assertThat(Severities.value("13", true)).isEqualTo("WARN");
    assertThat(Severities.value("20", true)).isEqualTo("ERROR");
    assertThat(Severities.value("24", true)).isEqualTo("FATAL");
    assertThat(Severities.value("0", true)).isNull();
    assertThat(Severities.value("25", true)).isNull();
  }
}
