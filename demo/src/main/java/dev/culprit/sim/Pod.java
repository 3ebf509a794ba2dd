package dev.culprit.sim;

import dev.culprit.model.EntityRef;
import dev.culprit.model.Resource;

/**
 * One simulated pod: an instance of a service, hosted on a node.
 *
 * @param name the pod (instance) name, such as {@code cart-1}
 * @param service the service it runs
 * @param node the node hosting it
 */
public record Pod(String name, String service, String node) {

  /** The resource signals of this pod carry. */
  public Resource resource() {
    return new Resource(service, name, node);
  }

  /** The instance entity. */
  public EntityRef ref() {
    return EntityRef.instance(name);
  }
}
