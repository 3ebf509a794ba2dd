package dev.culprit.cli;

import dev.culprit.graph.GraphExport;
import dev.culprit.graph.GraphLearner;
import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.model.Json;
import dev.culprit.topology.EntityGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code culprit graph}: the entity graph learned from a dataset, as JSON or Graphviz DOT. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = "Writes the entity graph learned from a dataset (plus what it declares).")
final class GraphCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dataset", required = true, description = "nezha or fault-alerts.")
  String dataset;

  @Option(
      names = "--path",
      required = true,
      description = "Dataset directory (or .tar.gz for nezha).")
  Path path;

  @Option(names = "--output", required = true, description = "File to write.")
  Path output;

  @Option(names = "--format", defaultValue = "json", description = "json (default) or dot.")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(path)) {
      throw new ParameterException(spec.commandLine(), "No such dataset path: " + path);
    }
    Dataset ds = DatasetFormats.open(spec.commandLine(), dataset, path);
    EntityGraph graph = GraphLearner.learn(ds);
    switch (format) {
      case "json" ->
          Json.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValue(output.toFile(), GraphExport.json(graph));
      case "dot" -> Files.writeString(output, GraphExport.dot(graph));
      default -> throw new ParameterException(spec.commandLine(), "--format must be json or dot");
    }
    spec.commandLine()
        .getOut()
        .printf(
            "%d entities, %d edges written to %s%n",
            graph.entities().size(), graph.edges().size(), output);
    return 0;
  }
}
