package dev.culprit.ingest.faultalerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small fault-alerts datasets for tests. */
final class MiniFaultAlerts {
  static final String KG =
      """
      {"nodes": [
        {"id": "cartservice", "type": "Service"},
        {"id": "frontend", "type": "Service"},
        {"id": "redis-cart", "type": "Cache"},
        {"id": "catalog", "type": "Database", "attributes": {"source_file": "products.json"}},
        {"id": "cartservice2-0", "type": "Service_Instance"},
        {"id": "frontend-0", "type": "Service_Instance"},
        {"id": "redis-cart-0", "type": "Cache_Instance"},
        {"id": "node-1", "type": "Host", "attributes": {"ip": "10.0.0.1"}},
        {"id": "node-2", "type": "Host", "attributes": {"addresses": ["10.0.0.2", "fe80::2"]}}
      ],
      "edges": [
        {"source": "frontend", "target": "cartservice", "label": "control_flow"},
        {"source": "cartservice", "target": "redis-cart", "label": "data_flow"},
        {"source": "frontend", "target": "catalog", "label": "data_flow"},
        {"source": "cartservice2-0", "target": "cartservice", "label": "instance_of"},
        {"source": "cartservice", "target": "cartservice2-0", "label": "has_instance"},
        {"source": "frontend", "target": "frontend-0", "label": "has_instance"},
        {"source": "redis-cart-0", "target": "redis-cart", "label": "instance_of"},
        {"source": "cartservice2-0", "target": "node-1", "label": "hosted_on"},
        {"source": "node-1", "target": "cartservice2-0", "label": "hosts"},
        {"source": "node-2", "target": "frontend-0", "label": "hosts"},
        {"source": "redis-cart-0", "target": "node-2", "label": "hosted_on"},
        {"source": "zk", "target": "frontend-0", "label": "discovers"},
        {"source": "frontend", "label": "control_flow"}
      ]}
      """;

  static final String LABELS =
      """
      fault_id,fault_level,fault_entity,fault_type,fault_st_time,fault_ed_time,fault_duration,fault_datetime
      0,service,cartservice,container network latency,1647736751,1647737291,540,2022-03-20 08:39:11
      1,pod,cartservice2-0,container CPU load,1647737329,1647737869,540,2022-03-20 08:48:49
      2,node,node-1,node disk space consumption,1647738546,1647739086,540,2022-03-20 09:09:06
      """;

  private MiniFaultAlerts() {}

  /** Writes {@code content} to {@code dir/relative}, creating parent directories. */
  static Path write(Path dir, String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  /** A dataset with the standard labels and graph and the given alert files (null: absent). */
  static Path dataset(Path dir, String metrics, String traces, String logs) throws IOException {
    write(dir, "label.csv", LABELS);
    write(dir, "kg.json", KG);
    if (metrics != null) {
      write(dir, "metric/metrics.json", metrics);
    }
    if (traces != null) {
      write(dir, "trace/traces.json", traces);
    }
    if (logs != null) {
      write(dir, "log/logs.json", logs);
    }
    return dir;
  }
}
