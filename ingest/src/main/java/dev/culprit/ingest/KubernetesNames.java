package dev.culprit.ingest;

/** Naming conventions of Kubernetes objects. */
public final class KubernetesNames {

  private KubernetesNames() {}

  /**
   * The service (Deployment) of a pod named the Deployment way, {@code
   * <deployment>-<replicaset-hash>-<pod-suffix>}: the name minus its last two dash-separated parts.
   * A name with fewer than three parts is returned unchanged.
   */
  public static String serviceOfPod(String pod) {
    int last = pod.lastIndexOf('-');
    int second = last <= 0 ? -1 : pod.lastIndexOf('-', last - 1);
    if (second <= 0) {
      return pod;
    }
    return pod.substring(0, second);
  }
}
