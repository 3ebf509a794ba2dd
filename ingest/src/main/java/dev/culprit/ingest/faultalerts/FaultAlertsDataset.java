package dev.culprit.ingest.faultalerts;

import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.ReadStats;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.model.Alert;
import dev.culprit.model.EntityRef;
import dev.culprit.model.GraphEdge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The "fault-alerts" family of datasets (AIOps Challenge 2022 cloudbed data turned into alerts):
 * {@code label.csv}, {@code metric/metrics.json}, {@code trace/traces.json}, {@code log/logs.json}
 * (alerts grouped by fault id) and the knowledge graph {@code kg.json}.
 *
 * <p>Every alert becomes an {@link Alert} signal; a replay emits those of all faults in
 * non-decreasing time, exact duplicates removed. The entries are detections at an instant (a
 * 3-sigma test of one window), not alert states that last until resolved, so each alert ends when
 * it starts ({@code endsAt = time}) and holds no incident open. Entities are typed by their
 * knowledge graph node type, else by their names (see {@link KnowledgeGraph}); an instance's
 * service comes from the graph's instance_of/has_instance edges, else from its name minus a
 * trailing {@code -N} or Kubernetes {@code -<hash>} suffix. Missing or empty signal files and the
 * knowledge graph are tolerated with a warning; malformed entries are skipped and counted in {@link
 * #skippedEntries()}. Everything is read, once, by {@link #open(Path)}.
 */
public final class FaultAlertsDataset implements Dataset {
  private static final String LABELS = "label.csv";

  private final Path dir;
  private final List<FaultLabel> faults;
  private final KnowledgeGraph graph;
  private final List<Alert> alerts;
  private final long bytes;
  private final long skippedEntries;
  private final long duplicateAlerts;

  private FaultAlertsDataset(
      Path dir, List<FaultLabel> faults, KnowledgeGraph graph, Alerts alerts, long skipped) {
    this.dir = dir;
    this.faults = faults;
    this.graph = graph;
    this.alerts = alerts.distinct();
    this.bytes = alerts.bytes();
    this.skippedEntries = skipped;
    this.duplicateAlerts = alerts.duplicates();
  }

  /**
   * Reads the dataset in {@code dir}.
   *
   * @throws IllegalArgumentException naming what is missing: the directory, {@code label.csv} or
   *     one of its required columns
   */
  public static FaultAlertsDataset open(Path dir) throws IOException {
    return open(dir, ZoneOffset.UTC);
  }

  /**
   * Reads the dataset in {@code dir}, taking label times that name no zone as times in {@code
   * labelZone}.
   *
   * @throws IllegalArgumentException naming what is missing: the directory, {@code label.csv} or
   *     one of its required columns
   */
  public static FaultAlertsDataset open(Path dir, ZoneId labelZone) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "No fault-alerts dataset at " + dir + ": no such directory");
    }
    Path labels = dir.resolve(LABELS);
    if (!Files.isRegularFile(labels)) {
      throw new IllegalArgumentException(
          "No fault-alerts dataset at " + dir + ": missing " + LABELS);
    }
    ReadStats stats = new ReadStats();
    KnowledgeGraph graph = KnowledgeGraphReader.read(dir.resolve("kg.json"), stats);
    LabelFile.Labels read = LabelFile.read(labels, graph, labelZone, stats);
    Alerts alerts = Alerts.read(dir, graph, read, stats);
    return new FaultAlertsDataset(dir, read.faults(), graph, alerts, stats.skippedRows());
  }

  /** {@code fault-alerts/<directory name>}. */
  @Override
  public String name() {
    return "fault-alerts/" + dir.toAbsolutePath().normalize().getFileName();
  }

  @Override
  public List<FaultLabel> faults() {
    return faults;
  }

  @Override
  public SignalSource open() {
    return new AlertSource(alerts, bytes, skippedEntries);
  }

  /** The knowledge graph's edges, each once, as declared {@link GraphEdge}s. */
  public List<GraphEdge> declaredGraph() {
    return graph.edges();
  }

  /** The knowledge graph's entities, sorted. */
  public List<EntityRef> declaredEntities() {
    return graph.entities();
  }

  /** Malformed label rows, graph nodes and edges, and alert entries skipped. */
  public long skippedEntries() {
    return skippedEntries;
  }

  /** Alerts dropped as exact duplicates of others. */
  public long duplicateAlerts() {
    return duplicateAlerts;
  }

  /** The alerts of the three files, sorted by time, and how many were exact duplicates. */
  private record Alerts(List<Alert> distinct, long duplicates, long bytes) {

    static Alerts read(Path dir, KnowledgeGraph graph, LabelFile.Labels labels, ReadStats stats)
        throws IOException {
      Map<String, Long> starts = new HashMap<>();
      labels.faults().forEach(f -> starts.putIfAbsent(f.id(), f.time()));
      Path metrics = dir.resolve("metric").resolve("metrics.json");
      Path traces = dir.resolve("trace").resolve("traces.json");
      Path logs = dir.resolve("log").resolve("logs.json");
      List<Alert> all = new ArrayList<>();
      all.addAll(AlertFile.read(metrics, new MetricAlerts(graph, labels.clock()), stats));
      all.addAll(AlertFile.read(traces, new TraceAlerts(graph, labels.clock()), stats));
      all.addAll(AlertFile.read(logs, new LogAlerts(graph, labels.clock(), starts), stats));
      all.sort(Comparator.comparingLong(Alert::time));
      List<Alert> distinct = List.copyOf(new LinkedHashSet<>(all));
      long bytes = 0;
      for (Path p : List.of(metrics, traces, logs)) {
        bytes += Files.isRegularFile(p) ? Files.size(p) : 0;
      }
      return new Alerts(distinct, all.size() - distinct.size(), bytes);
    }
  }
}
