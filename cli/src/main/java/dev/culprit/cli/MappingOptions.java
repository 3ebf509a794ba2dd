package dev.culprit.cli;

import dev.culprit.ingest.format.EntityMapping;
import java.util.List;
import picocli.CommandLine.Option;

/** How alert labels name entities: the options {@code run} and {@code replay} share. */
final class MappingOptions {
  @Option(
      names = "--service-labels",
      split = ",",
      description =
          "Alert labels naming the service, in order (default: service,app,app.kubernetes.io/name,job).")
  List<String> serviceLabels;

  @Option(
      names = "--instance-labels",
      split = ",",
      description = "Alert labels naming the instance (default: pod,instance,container).")
  List<String> instanceLabels;

  @Option(
      names = "--node-labels",
      split = ",",
      description = "Alert labels naming the node (default: node,host,kubernetes_node,nodename).")
  List<String> nodeLabels;

  @Option(
      names = "--scope-label",
      paramLabel = "LABEL",
      description =
          "Alert label naming the incident scope (say cluster, namespace or tenant): incidents are"
              + " grouped per scope and scopes are spread over instances (default: one scope).")
  String scopeLabel;

  /** The mapping asked for, the defaults where an option is not given. */
  EntityMapping mapping() {
    EntityMapping d = EntityMapping.defaults();
    return new EntityMapping(
        serviceLabels != null ? serviceLabels : d.serviceLabels(),
        instanceLabels != null ? instanceLabels : d.instanceLabels(),
        nodeLabels != null ? nodeLabels : d.nodeLabels(),
        scopeLabel == null || scopeLabel.isBlank() ? null : scopeLabel);
  }
}
