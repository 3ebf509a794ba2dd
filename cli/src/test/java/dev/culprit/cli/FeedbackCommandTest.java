package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Feedback;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FeedbackCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void bothVerdictsAtOnceIsAUsageError() {
    int code =
        execute(
            "feedback",
            "inc-1",
            "--false-positive",
            "--root-cause",
            "cart",
            "--bootstrap-servers",
            "127.0.0.1:9");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive").contains("--false-positive");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void noVerdictIsAUsageError() {
    int code = execute("feedback", "inc-1", "--bootstrap-servers", "127.0.0.1:9");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("Error: Missing required argument")
        .contains("--false-positive")
        .contains("--root-cause");
  }

  @Test
  void noIncidentOrNoBrokerIsAUsageError() {
    assertThat(execute("feedback", "--false-positive", "--bootstrap-servers", "127.0.0.1:9"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("INCIDENT_ID");
    assertThat(execute("feedback", "inc-1", "--false-positive")).isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap-servers");
  }

  @Test
  void aBlankEntityIsAUsageErrorBeforeKafkaIsAsked() {
    int code =
        execute("feedback", "inc-1", "--root-cause", " ", "--bootstrap-servers", "127.0.0.1:9");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid rootCause");
  }

  @Test
  void argumentsBecomeTheFeedbackRecord() {
    CommandLine cli = Main.commandLine();
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "feedback",
            "inc-7",
            "--root-cause",
            "ts-route-service",
            "--note",
            "route table",
            "--author",
            "ana",
            "--bootstrap-servers",
            "kafka:9092");
    FeedbackCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();

    assertThat(command.feedback(42L))
        .isEqualTo(Feedback.rootCause("inc-7", "ts-route-service", "ana", "route table", 42L));
    assertThat(command.bootstrapServers).isEqualTo("kafka:9092");
  }

  @Test
  void authorDefaultsToUserElseUnknown() {
    assertThat(FeedbackCommand.defaultAuthor(Map.of("USER", "bo"))).isEqualTo("bo");
    assertThat(FeedbackCommand.defaultAuthor(Map.of())).isEqualTo("unknown");
    assertThat(FeedbackCommand.defaultAuthor(Map.of("USER", " "))).isEqualTo("unknown");
  }

  @Test
  void anUnreachableBrokerFailsInBoundedTimeWithOneLineAndNoStackTrace() throws IOException {
    String closed = "127.0.0.1:" + closedPort();
    long start = System.nanoTime();

    int code =
        execute(
            "feedback",
            "inc-1",
            "--false-positive",
            "--bootstrap-servers",
            closed,
            "--timeout",
            "2");

    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertThat(code).isEqualTo(1);
    assertThat(seconds).isLessThan(10);
    assertThat(err.toString().strip())
        .isEqualTo(
            "culprit feedback: nothing recorded: Kafka at "
                + closed
                + " did not answer within 2 s");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anUnresolvableBrokerFailsWithOneLine() {
    int code =
        execute(
            "feedback",
            "inc-1",
            "--false-positive",
            "--bootstrap-servers",
            "no-such-host.invalid:9092",
            "--timeout",
            "2");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("culprit feedback: nothing recorded: Kafka at no-such-host.invalid:9092")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  private int execute(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** A port nothing listens on: bound once, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
