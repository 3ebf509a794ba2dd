package dev.culprit.cli;

import dev.culprit.correlation.PipelineConfig;
import dev.culprit.correlation.incident.IncidentConfig;
import dev.culprit.correlation.incident.OpeningPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What must agree before an incident opens and what one incident holds: the options {@code run} and
 * {@code replay} share.
 */
final class OpeningOptions {
  @Option(
      names = "--open-min-items",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Open an incident only when the candidate that reaches the opening level has at least N"
              + " items of evidence in the window (default: ${DEFAULT-VALUE}).")
  int minItems = 1;

  @Option(
      names = "--open-min-families",
      paramLabel = "F",
      defaultValue = "1",
      description =
          "Open an incident only when that candidate's evidence comes from at least F evidence"
              + " families (metric latency, trace errors, error log lines, network time, ...;"
              + " default: ${DEFAULT-VALUE}).")
  int minFamilies = 1;

  @Option(
      names = "--incident-grouping",
      paramLabel = "scope|graph",
      defaultValue = "scope",
      description =
          "What makes evidence part of one incident: everything in the scope (one incident open at"
              + " a time) or what the entity graph connects (trouble with no path to an open"
              + " incident's entities opens its own; default: ${DEFAULT-VALUE}).")
  String grouping = "scope";

  /** The grouping asked for, with a usage error for anything but scope or graph. */
  IncidentConfig.Grouping grouping(CommandLine cli) {
    return switch (grouping.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "scope" -> IncidentConfig.Grouping.SCOPE;
      case "graph" -> IncidentConfig.Grouping.GRAPH;
      default ->
          throw new ParameterException(
              cli, "--incident-grouping must be scope or graph, not " + grouping);
    };
  }

  /** The policy asked for, with a usage error for values under 1. */
  OpeningPolicy policy(CommandLine cli) {
    if (minItems < 1 || minFamilies < 1) {
      throw new ParameterException(
          cli, "--open-min-items and --open-min-families must be at least 1");
    }
    return new OpeningPolicy(minItems, minFamilies);
  }

  /** {@code config} with the policy asked for. */
  PipelineConfig apply(CommandLine cli, PipelineConfig config) {
    return config.withIncidents(
        config.incidents().withOpening(policy(cli)).withGrouping(grouping(cli)));
  }
}
