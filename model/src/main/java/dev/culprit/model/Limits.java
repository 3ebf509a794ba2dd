package dev.culprit.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * How much text and how many items Culprit's records copy from what they are made of, so that no
 * input can make a record outgrow the producer's request limit (1 MiB by default). Every cap is far
 * above what well-formed input carries: Kubernetes names are at most 253 characters, and an alert
 * rarely has more than a few dozen labels. A cut text ends with {@link #ELLIPSIS}.
 */
public final class Limits {
  /** An entity name (service, instance, node). */
  public static final int NAME_CHARS = 256;

  /** An evidence feature: a metric name, log template or operation; an alert's name. */
  public static final int FEATURE_CHARS = 1024;

  /** An evidence detail, a root cause's explanation, a suppression reason. */
  public static final int TEXT_CHARS = 1024;

  /** A log line's body. */
  public static final int LOG_BODY_CHARS = 32 * 1024;

  /** An alert label or annotation: its name, and its value. */
  public static final int LABEL_KEY_CHARS = 128;

  public static final int LABEL_VALUE_CHARS = 1024;

  /** The labels an alert keeps (the first by name). */
  public static final int LABELS = 64;

  /** The annotations an alert keeps (the first by name). */
  public static final int ANNOTATIONS = 32;

  /** The affected entities and the alert names an incident lists. */
  public static final int INCIDENT_ENTITIES = 200;

  /** The serialized size an incident is trimmed to, well under the 1 MiB request limit. */
  public static final int INCIDENT_BYTES = 768 * 1024;

  public static final String ELLIPSIS = "…";

  private Limits() {}

  /** {@code s} cut to {@code max} characters (the last one an ellipsis); null stays null. */
  public static String clip(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + ELLIPSIS;
  }

  /**
   * At most {@code entries} of {@code map} (the first by key), keys and values clipped; the map
   * itself when it is within the limits.
   */
  public static Map<String, String> clip(
      Map<String, String> map, int entries, int keyChars, int valueChars) {
    if (map.size() <= entries && within(map, keyChars, valueChars)) {
      return map;
    }
    Map<String, String> out = new TreeMap<>();
    for (var e : new TreeMap<>(map).entrySet()) {
      if (out.size() == entries) {
        break;
      }
      out.putIfAbsent(clip(e.getKey(), keyChars), clip(e.getValue(), valueChars));
    }
    return out;
  }

  private static boolean within(Map<String, String> map, int keyChars, int valueChars) {
    for (var e : map.entrySet()) {
      if (e.getKey().length() > keyChars
          || (e.getValue() != null && e.getValue().length() > valueChars)) {
        return false;
      }
    }
    return true;
  }
}
