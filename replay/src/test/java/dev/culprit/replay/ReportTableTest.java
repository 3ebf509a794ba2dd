package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

  @Test
  void printsAPerKindTableAndFalseIncidentsPerHourOfSignals() {
    ReplayReport report =
        new ReplayReport(
            "d",
            "detection",
            3,
            2,
            0.3333,
            0.6667,
            0.6667,
            0.3333,
            0.6667,
            5,
            3,
            1000,
            "culprit",
            100,
            500.0,
            List.of(),
            null,
            0,
            "rules",
            List.of(),
            2.0,
            1.5,
            List.of(
                new ReplayReport.KindScore("container network packet loss", 2, 2, 0.5, 1, 0.5, 1),
                new ReplayReport.KindScore("cpu", 1, 0, 0, 0, 0, 0)),
            List.of(),
            "raw records");
    StringWriter out = new StringWriter();

    new ReportTable(new PrintWriter(out)).print(report);

    assertThat(out.toString())
        .contains("container network packet loss      2        2    1 (0.500)    2 (1.000)")
        .contains("cpu                                1        0    0 (0.000)    0 (0.000)")
        .contains("false incidents 3 (1.50 per hour over 2.00 h with signals, 500.00 h first")
        .contains("100 raw records in 1.0 s");
  }
}
