package dev.culprit.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a metric measures; evidence of each class is kept apart. */
public enum MetricClass {
  RESOURCE,
  LATENCY,
  ERRORS,
  THROUGHPUT,
  OTHER;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Infers the class from a metric name by common naming conventions. */
  public static MetricClass infer(String metricName) {
    String n = metricName.toLowerCase(Locale.ROOT);
    if (n.contains("latency") || n.contains("duration") || n.contains("response_time")) {
      return LATENCY;
    }
    if (n.contains("error") || n.contains("fail") || n.contains("success") || n.contains("5xx")) {
      return ERRORS;
    }
    if (n.contains("workload")
        || n.contains("request")
        || n.contains("qps")
        || n.contains("ops")
        || n.contains("throughput")) {
      return THROUGHPUT;
    }
    if (n.contains("cpu")
        || n.contains("memory")
        || n.contains("mem_")
        || n.contains("disk")
        || n.contains("network")
        || n.contains("syscall")
        || n.contains("fs_")
        || n.contains("io")) {
      return RESOURCE;
    }
    return OTHER;
  }
}
