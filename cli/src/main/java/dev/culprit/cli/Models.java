package dev.culprit.cli;

import dev.culprit.correlation.suppress.NoiseModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Checks a {@code --model} file before a command starts, so a bad one fails with one line. */
final class Models {
  private Models() {}

  static NoiseModel check(CommandLine cmd, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(cmd, "No such model file: " + file);
    }
    try {
      return NoiseModel.read(file);
    } catch (IOException e) {
      throw new ParameterException(cmd, e.getMessage());
    }
  }
}
