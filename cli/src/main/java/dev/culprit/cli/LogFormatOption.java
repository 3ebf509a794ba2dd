package dev.culprit.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --log-format} option of the long-running commands. {@link
 * dev.culprit.log.LogFormat#select} has already acted on it before logging started; this checks the
 * value.
 */
final class LogFormatOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      defaultValue = "text",
      description =
          "Log lines as text (the default) or as one JSON object per line on stderr (time,"
              + " level, logger, message, thread, exception).")
  void set(String format) {
    String f = format.trim().toLowerCase(Locale.ROOT);
    if (!f.equals("text") && !f.equals("json")) {
      CommandLine cli = spec.commandLine();
      throw new ParameterException(cli, "--log-format must be text or json, not " + format);
    }
  }
}
