package dev.culprit.cli;

import dev.culprit.log.LogFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code culprit} command line. */
@Command(
    name = "culprit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Turns alerts, metrics, logs and traces into ranked incidents.",
    subcommands = {
      RunCommand.class,
      BrokerCommand.class,
      DemoCommand.class,
      ReplayCommand.class,
      BenchCommand.class,
      RecordCommand.class,
      TrainCommand.class,
      GraphCommand.class,
      FeedbackCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  public static void main(String[] args) {
    LogFormat.select(args);
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line, for tests. A usage error (an option missing, malformed or out of
   * range, a path of the wrong kind) is one line on stderr naming the command, and exit code 2.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setParameterExceptionHandler(Main::usageError);
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    String name = cli.getCommandSpec().qualifiedName();
    cli.getErr()
        .printf(
            "%s: %s (see %s --help)%n",
            name, e.getMessage().lines().findFirst().orElse("invalid options"), name);
    cli.getErr().flush();
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"culprit " + (v == null ? "dev" : v)};
    }
  }
}
