package dev.culprit.ingest.faultalerts;

import java.util.regex.Pattern;

/**
 * Name heuristics for entities the knowledge graph does not know.
 *
 * <p>The service of an instance is its name minus a trailing {@code -<digits>} (a StatefulSet
 * ordinal, {@code cartservice-1}) or minus a trailing {@code -<5-character pod suffix>} and, before
 * that, an optional {@code -<6 to 10 character ReplicaSet hash>} ({@code
 * ts-contacts-service-866bd68c97-xcqfx}); suffixes and hashes are recognised by Kubernetes'
 * alphabet of consonants and the digits 2 and 4-9 (so words like {@code -cache} are kept).
 */
final class EntityNames {
  private static final String K8S_ALPHABET = "[bcdfghjklmnpqrstvwxz2456789]";
  private static final Pattern ORDINAL = Pattern.compile("-\\d+$");
  private static final Pattern POD_SUFFIX = Pattern.compile("-" + K8S_ALPHABET + "{5}$");
  private static final Pattern REPLICA_SET_HASH = Pattern.compile("-" + K8S_ALPHABET + "{6,10}$");
  private static final Pattern NODE =
      Pattern.compile("(?i)^(node|host|worker|master|minion|vm|server)[-_.]?\\d+$");
  private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F]*(:[0-9a-fA-F]*){2,7}$");

  private EntityNames() {}

  /** The service of an instance name by the suffix rule; the name itself when no rule applies. */
  static String serviceOfInstance(String name) {
    String stripped = ORDINAL.matcher(name).replaceFirst("");
    if (!stripped.equals(name)) {
      return stripped.isEmpty() ? name : stripped;
    }
    stripped = POD_SUFFIX.matcher(name).replaceFirst("");
    if (stripped.equals(name)) {
      return name;
    }
    String service = REPLICA_SET_HASH.matcher(stripped).replaceFirst("");
    return service.isEmpty() ? stripped : service;
  }

  /** Whether a name carries an instance suffix (an ordinal or a pod suffix). */
  static boolean looksLikeInstance(String name) {
    return !serviceOfInstance(name).equals(name);
  }

  /** Whether a name looks like a machine: {@code node-3}, {@code host_12}, or an IP address. */
  static boolean looksLikeNode(String name) {
    return NODE.matcher(name).matches() || isIpAddress(name);
  }

  /** Whether a name is an IPv4 or IPv6 address. */
  static boolean isIpAddress(String name) {
    return IPV4.matcher(name).matches() || IPV6.matcher(name).matches();
  }
}
