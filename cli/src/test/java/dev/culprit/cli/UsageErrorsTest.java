package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Mistakes a person makes on the command line: each is one line on stderr that names the problem,
 * no stack trace, exit code 2, and nothing is started first.
 */
class UsageErrorsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  @Test
  void anHttpPortOutOfRangeStopsRunBeforeAnythingStarts() {
    assertOneLine(
        execute("run", "--http-port", "99999", "--data-dir", dir.toString()),
        "culprit run: --http-port must be 0 to 65535 (or -1), not 99999 (see culprit run --help)");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void anUnknownLogFormatIsOneLine() {
    assertOneLine(
        execute("broker", "--log-format", "xml", "--data-dir", dir.toString()),
        "culprit broker: --log-format must be text or json, not xml (see culprit broker --help)");
  }

  @Test
  void aSpeedupOfZeroStopsTheDemoBeforeItsBrokerStarts() {
    assertOneLine(
        execute("demo", "--speedup", "0"),
        "culprit demo: --speedup must be a positive number, not 0.0 (see culprit demo --help)");
    assertThat(execute("demo", "--http-port", "70000")).isEqualTo(2);
  }

  @Test
  void aDatasetPathOfTheWrongKindIsOneLineNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
    assertOneLine(
        execute("replay", "--dataset", "recorded", "--path", file.toString()),
        "culprit replay: No recording at "
            + file
            + ": no such directory (see culprit replay --help)");
    assertOneLine(
        execute("replay", "--dataset", "nezha", "--path", file.toString()),
        "culprit replay: No Nezha dataset at "
            + file
            + ": not a directory (see culprit replay --help)");
  }

  @Test
  void anUnreadableKafkaConfigIsOneLineNamingTheFile() {
    Path missing = dir.resolve("client.properties");
    int code = execute("run", "--kafka-config", missing.toString(), "--http-port", "-1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("culprit run: Cannot read Kafka client settings " + missing);
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void aBrokerPortInUseSaysWhichOptionChoosesAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertOneLine(
          execute("broker", "--data-dir", dir.toString(), "--port", String.valueOf(port)),
          "culprit broker: Cannot start the Kafka broker on 127.0.0.1:"
              + port
              + ": the port is in use; choose another with --port (0: any free port)"
              + " (see culprit broker --help)");
    }
  }

  @Test
  void aDataDirInUseByAnotherBrokerIsOneLine() throws Exception {
    try (var broker =
        dev.culprit.kafka.EmbeddedKafkaBroker.start(
            dev.culprit.kafka.EmbeddedKafkaBroker.Config.persistent(dir, 0))) {
      int code =
          execute("run", "--data-dir", dir.toString(), "--broker-port", "0", "--http-port", "-1");
      assertThat(code).isEqualTo(2);
      assertThat(err.toString().lines())
          .containsExactly(
              "starting a Kafka broker in this JVM, its log in " + broker.logDir(),
              "culprit run: Cannot start the Kafka broker: its log directory "
                  + broker.logDir()
                  + " is in use by another broker (another culprit run or broker on this"
                  + " --data-dir?) (see culprit run --help)");
    }
  }

  @Test
  void runAgainstABrokerThatIsNotThereSaysSoWithinSeconds() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    long start = System.nanoTime();
    int code =
        execute(
            "run",
            "--bootstrap-servers",
            "127.0.0.1:" + port,
            "--http-port",
            "-1",
            "--state-dir",
            dir.resolve("state").toString());
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;

    assertThat(code).isEqualTo(1);
    assertThat(seconds).isLessThan(20);
    assertThat(err.toString())
        .startsWith("culprit run: cannot reach Kafka at 127.0.0.1:" + port + " within 10 s")
        .doesNotContain("\tat ");
  }

  @Test
  void aTakenOtlpGrpcPortIsOneLineNamingTheOption() throws Exception {
    try (var broker = dev.culprit.kafka.EmbeddedKafkaBroker.start();
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      int code =
          execute(
              "run",
              "--bootstrap-servers",
              broker.bootstrapServers(),
              "--http-port",
              "-1",
              "--otlp-grpc-port",
              String.valueOf(port),
              "--state-dir",
              dir.resolve("state").toString());

      assertThat(code).isEqualTo(1);
      assertThat(err.toString().lines())
          .containsExactly(
              "culprit run: OTLP/gRPC port 127.0.0.1:"
                  + port
                  + " is already in use; stop what listens there or choose another"
                  + " --otlp-grpc-port (-1 for none)");
    }
  }

  private void assertOneLine(int code, String line) {
    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(line + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  private int execute(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
