package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReplayCommandTest {

  @Test
  void withoutAcceptsTheFourSignalTypesRepeatedOrCommaSeparated() {
    CommandLine cli = Main.commandLine();
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "replay",
            "--dataset",
            "nezha",
            "--path",
            "x",
            "--without",
            "metrics,logs",
            "--without",
            "traces",
            "--without",
            "alerts");
    ReplayCommand replay = parsed.subcommand().commandSpec().commandLine().getCommand();
    assertThat(replay.without)
        .extracting(Enum::name)
        .containsExactly("METRIC", "LOG", "TRACE", "ALERT");
  }

  @Test
  void anUnknownSignalTypeIsAUsageErrorNamingTheValidOnes() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    int code =
        cli.execute("replay", "--dataset", "nezha", "--path", "x", "--without", "metrics,dogs");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--without'")
        .contains("expected metrics, logs, traces or alerts, not 'dogs'");
  }

  @Test
  void optionsComeFromAnArgumentFileAndABadNotifySpecNamesNoSecret(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path args = dir.resolve("replay.args");
    java.nio.file.Files.writeString(
        args,
        "--dataset fault-alerts\n--path "
            + dir
            + "\n--notify console\n--notify 'pager:https://hooks.example.com/s3cr3t'\n");
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    ReplayCommand replay =
        cli.parseArgs("replay", "@" + args).subcommand().commandSpec().commandLine().getCommand();
    assertThat(replay.notify.specs)
        .containsExactly("console", "pager:https://hooks.example.com/s3cr3t");

    cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("replay", "@" + args);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--notify").doesNotContain("s3cr3t");
  }

  @Test
  void aModelAndNoSuppressionTogetherAreAUsageError(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "replay",
            "--dataset",
            "fault-alerts",
            "--path",
            dir.toString(),
            "--model",
            dir.resolve("m.json").toString(),
            "--no-suppression");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Use either --model or --no-suppression");
  }

  @Test
  void anUnknownRankerIsAUsageErrorNamingTheKnownOnes() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("replay", "--dataset", "nezha", "--path", ".", "--ranker", "random");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--ranker must be one of culprit, count, microrca");
  }

  @Test
  void anUnknownOrOutOfRangeRankerOptionIsAUsageError() {
    for (String[] bad :
        new String[][] {
          {"weight=2", "Unknown ranker option: weight"},
          {"corroborationWeight=3", "Invalid corroborationWeight: 3.0 (0 to 1)"},
          {"openLevel", "NAME=VALUE"}
        }) {
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(new StringWriter()));
      cli.setErr(new PrintWriter(err));

      int code =
          cli.execute("replay", "--dataset", "nezha", "--path", ".", "--ranker-option", bad[0]);

      assertThat(code).as(bad[0]).isEqualTo(2);
      assertThat(err.toString()).as(bad[0]).contains(bad[1]);
    }
  }

  @Test
  void aTruncatedArchiveIsAUsageErrorNamingTheFile(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path archive = dir.resolve("cut.tar.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(archive))) {
      out.write(new byte[512 + 100]);
    }
    byte[] gz = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(gz, gz.length - 12));
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("replay", "--dataset", "nezha", "--path", archive.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("Cannot extract archive " + archive + ": the archive is truncated")
        .doesNotContain("\tat dev.culprit");
  }
}
