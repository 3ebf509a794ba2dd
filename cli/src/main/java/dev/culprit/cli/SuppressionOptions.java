package dev.culprit.cli;

import dev.culprit.correlation.suppress.SuppressionConfig;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The suppression options {@code run} and {@code replay} share. */
final class SuppressionOptions {
  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "Noise model from `culprit train`: evidence that falls in a cluster of past noise is"
              + " held back from opening incidents (it still counts inside incidents). The file is"
              + " read again whenever it changes, so a newly trained model takes effect without a"
              + " restart.")
  Path model;

  @Option(
      names = "--no-suppression",
      description = "Hold nothing back: no duplicate, flapping or noise-model suppression.")
  boolean noSuppression;

  /** What is asked for, and how a report names it. */
  record Choice(SuppressionConfig config, String description) {}

  /** The choice, with a usage error for both options at once or a model file that is none. */
  Choice choice(CommandLine cli) {
    if (model != null && noSuppression) {
      throw new ParameterException(cli, "Use either --model or --no-suppression");
    }
    if (noSuppression) {
      return new Choice(SuppressionConfig.off(), "off");
    }
    if (model != null) {
      String version = Models.check(cli, model).version();
      return new Choice(SuppressionConfig.defaults().withModel(model), "model " + version);
    }
    return new Choice(SuppressionConfig.defaults(), "rules");
  }
}
