package dev.culprit.ingest.format;

import dev.culprit.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which alert labels name the service, the instance and the node an alert is about, and which label
 * names its incident scope. For each entity the first label present with a non-blank value wins.
 *
 * @param serviceLabels labels naming the service, in order of preference
 * @param instanceLabels labels naming the instance (pod, Prometheus {@code host:port}, container)
 * @param nodeLabels labels naming the node (machine)
 * @param scopeLabel the label naming the incident scope (say {@code cluster}, {@code namespace},
 *     {@code tenant}), or null for none: every alert then is in the pipeline's one scope
 */
public record EntityMapping(
    List<String> serviceLabels,
    List<String> instanceLabels,
    List<String> nodeLabels,
    String scopeLabel) {

  public EntityMapping {
    serviceLabels = List.copyOf(Objects.requireNonNull(serviceLabels, "serviceLabels"));
    instanceLabels = List.copyOf(Objects.requireNonNull(instanceLabels, "instanceLabels"));
    nodeLabels = List.copyOf(Objects.requireNonNull(nodeLabels, "nodeLabels"));
    if (scopeLabel != null && scopeLabel.isBlank()) {
      throw new IllegalArgumentException("Invalid scope label: blank");
    }
  }

  /** A mapping with no scope label. */
  public EntityMapping(
      List<String> serviceLabels, List<String> instanceLabels, List<String> nodeLabels) {
    this(serviceLabels, instanceLabels, nodeLabels, null);
  }

  /**
   * Kubernetes and Prometheus conventions: service from {@code service}, {@code app}, {@code
   * app.kubernetes.io/name}, {@code job}; instance from {@code pod}, {@code instance} (kept as
   * written, often {@code host:port}), {@code container}; node from {@code node}, {@code host},
   * {@code kubernetes_node}, {@code nodename}.
   */
  public static EntityMapping defaults() {
    return new EntityMapping(
        List.of("service", "app", "app.kubernetes.io/name", "job"),
        List.of("pod", "instance", "container"),
        List.of("node", "host", "kubernetes_node", "nodename"));
  }

  /** The resource the labels name, or null when none of the configured labels is present. */
  public Resource resolve(Map<String, String> labels) {
    String service = first(labels, serviceLabels);
    String instance = first(labels, instanceLabels);
    String node = first(labels, nodeLabels);
    if (service == null && instance == null && node == null) {
      return null;
    }
    return new Resource(
        service, instance, node, scopeLabel == null ? null : first(labels, List.of(scopeLabel)));
  }

  private static String first(Map<String, String> labels, List<String> names) {
    for (String name : names) {
      String value = labels.get(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
