package dev.culprit.ingest.nezha;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.ingest.KubernetesNames;
import dev.culprit.ingest.dataset.EventTimes;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code <day>-fault_list.json}, {@code {"HH":[{"inject_time","inject_pod","inject_type"},
 * ...]}}. {@code inject_time} is UTC (unless a label zone says otherwise); {@code inject_timestamp}
 * is wrong for many faults and ignored. The root cause is the service of {@code inject_pod}.
 */
final class NezhaFaults {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private NezhaFaults() {}

  /**
   * The faults of all days, sorted by time, with unique ids {@code <time>-<service>[-n]}; {@code
   * inject_time} is read in {@code zone} (UTC for the published days).
   */
  static List<FaultLabel> read(Path root, List<String> days, ZoneId zone) throws IOException {
    List<Injection> injections = new ArrayList<>();
    for (String day : days) {
      Path file = NezhaLayout.faultList(root, day);
      JsonNode tree = Json.mapper().readTree(file.toFile());
      if (tree == null || !tree.isContainerNode()) {
        throw new IllegalArgumentException("Invalid fault list " + file + ": not a JSON object");
      }
      for (JsonNode group : tree.isArray() ? List.of(tree) : tree.valueStream().toList()) {
        for (JsonNode fault : group) {
          injections.add(Injection.of(fault, file, zone));
        }
      }
    }
    injections.sort(
        Comparator.comparingLong(Injection::time)
            .thenComparing(Injection::service)
            .thenComparing(Injection::kind));
    return label(injections);
  }

  private static List<FaultLabel> label(List<Injection> injections) {
    Map<String, Integer> uses = new HashMap<>();
    List<FaultLabel> labels = new ArrayList<>(injections.size());
    for (Injection i : injections) {
      String base = ID_TIME.format(Instant.ofEpochMilli(i.time())) + "-" + i.service();
      int n = uses.merge(base, 1, Integer::sum);
      String id = n == 1 ? base : base + "-" + n;
      labels.add(
          new FaultLabel(id, i.time(), EntityRef.service(i.service()), i.service(), i.kind()));
    }
    return List.copyOf(labels);
  }

  private record Injection(long time, String service, String kind) {

    static Injection of(JsonNode fault, Path file, ZoneId zone) {
      String time = text(fault, "inject_time", file);
      String pod = text(fault, "inject_pod", file);
      String kind = text(fault, "inject_type", file);
      return new Injection(
          EventTimes.parseMillis(time, zone), KubernetesNames.serviceOfPod(pod), kind);
    }

    private static String text(JsonNode fault, String field, Path file) {
      JsonNode v = fault.get(field);
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        throw new IllegalArgumentException(
            "Invalid fault list " + file + ": missing " + field + " in " + fault);
      }
      return v.asText();
    }
  }
}
