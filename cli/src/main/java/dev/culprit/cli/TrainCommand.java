package dev.culprit.cli;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.correlation.suppress.AlertClusterer;
import dev.culprit.correlation.suppress.NoiseModel;
import dev.culprit.correlation.suppress.NoiseModelTrainer;
import dev.culprit.correlation.suppress.SuppressionConfig;
import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.TimeSlice;
import dev.culprit.ingest.nezha.NezhaDataset;
import dev.culprit.kafka.TopicReader;
import dev.culprit.model.Evidence;
import dev.culprit.model.Feedback;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.Topics;
import dev.culprit.replay.DirectDriver;
import dev.culprit.replay.Evaluator;
import dev.culprit.replay.ProgressBar;
import dev.culprit.replay.Replay;
import dev.culprit.replay.ReplayReport;
import dev.culprit.train.TrainingOutcomes;
import dev.culprit.train.TrainingSamples;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code culprit train}: replays history through the pipeline (nothing suppressed), labels each
 * alert and anomaly by what became of it, clusters them and writes a noise model.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Learns which alerts and anomalies are noise from history and writes a noise model for"
          + " `run`, `demo` and `replay --model`.",
      "nezha: learns from the dataset's construct_data only (its fault-free reference), leaving"
          + " out the minutes around labelled faults. fault-alerts: learns from the labelled"
          + " history before --until (items of incidents that found a fault were not noise)."
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dataset", description = "Dataset format: nezha or fault-alerts.")
  String dataset;

  @Option(names = "--path", description = "Dataset directory (or .tar.gz archive for nezha).")
  Path path;

  @Option(
      names = "--from-topic",
      paramLabel = "TOPIC",
      description =
          "Learn from what a running Culprit wrote instead: the evidence in TOPIC (normally"
              + " culprit.evidence), with culprit.incidents, culprit.feedback and culprit.graph"
              + " of the same cluster.")
  String fromTopic;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Kafka to read --from-topic from.")
  String bootstrapServers;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file.")
  Path model;

  @Option(
      names = "--algorithm",
      defaultValue = "kmeans",
      description = "Clustering: kmeans (default), dbscan or hdbscan.")
  String algorithm;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description =
          "Learn only from signals and labels before this instant (ISO-8601, e.g."
              + " 2022-03-21T00:00:00Z), so that a replay scored from it on is not learned from.")
  String until;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  /** What training learns from: items, their fates, the graph, and words for the model file. */
  private record History(
      List<Evidence> items,
      List<TrainingOutcomes.Outcome> outcomes,
      List<GraphEdge> edges,
      String source,
      double hours) {}

  @Override
  public Integer call() throws Exception {
    AlertClusterer clusterer;
    try {
      clusterer = AlertClusterer.named(algorithm);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    History h;
    if (fromTopic != null) {
      if (dataset != null || path != null || until != null) {
        throw new ParameterException(
            spec.commandLine(), "--from-topic does not combine with --dataset, --path or --until");
      }
      if (bootstrapServers == null) {
        throw new ParameterException(spec.commandLine(), "--from-topic needs --bootstrap-servers");
      }
      h = fromTopic();
    } else {
      if (dataset == null || path == null) {
        throw new ParameterException(
            spec.commandLine(), "Give --dataset and --path, or --from-topic");
      }
      h = fromDataset();
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    List<Evidence> items = h.items();
    List<TrainingOutcomes.Outcome> outcomes = h.outcomes();
    List<GraphEdge> edges = h.edges();
    String source = h.source();
    PipelineConfig config = PipelineConfig.defaults();
    TrainingOutcomes.Summary summary = TrainingOutcomes.summary(outcomes, items.size());
    var samples = TrainingSamples.of(items, outcomes, edges, config.scope());
    if (samples.isEmpty()) {
      err.println("no alerts or anomalies to learn from; no model written");
      return 1;
    }
    NoiseModel m =
        new NoiseModelTrainer(clusterer).fit(samples, source, System.currentTimeMillis());
    m.write(model);
    SuppressionConfig policy = SuppressionConfig.defaults();
    long suppressing =
        m.clusters().stream()
            .filter(
                c -> c.support() >= policy.minSupport() && c.noiseRate() >= policy.minNoiseRate())
            .count();
    out.printf(
        Locale.ROOT,
        "history: %,d evidence items over %.1f h; %,d noise, %,d about confirmed root causes,"
            + " %,d left out (fate unknown)%n",
        summary.items(),
        h.hours(),
        summary.noise(),
        summary.confirmed(),
        summary.leftOut());
    out.printf(
        Locale.ROOT,
        "model %s (%s): %d clusters, %d of them suppress (at least %d items, %.0f%% noise);"
            + " %,d of %,d items in no cluster%n",
        m.version(),
        m.algorithm(),
        m.clusters().size(),
        suppressing,
        policy.minSupport(),
        100 * policy.minNoiseRate(),
        m.outliers(),
        m.trainedOn());
    out.println("model written to " + model);
    out.flush();
    return 0;
  }

  /** Replays a dataset (nothing suppressed) and labels what it produced. */
  private History fromDataset() throws java.io.IOException {
    if (!Files.exists(path)) {
      throw new ParameterException(spec.commandLine(), "No such dataset path: " + path);
    }
    Dataset ds = DatasetFormats.open(spec.commandLine(), dataset, path);
    boolean faultFree = ds instanceof NezhaDataset;
    if (ds instanceof NezhaDataset n) {
      ds = n.referenceOnly();
    }
    if (until != null) {
      ds = new TimeSlice(ds, instant(until));
    }
    PrintWriter err = spec.commandLine().getErr();
    List<Evidence> items = new ArrayList<>();
    List<GraphEdge> edges = new ArrayList<>();
    Map<String, Incident> incidents = new LinkedHashMap<>();
    PipelineConfig config = PipelineConfig.defaults().withSuppression(SuppressionConfig.off());
    Replay replay = new Replay(ds, false, config.ranker());
    ProgressBar bar = new ProgressBar(err, quiet);
    err.println("replaying " + ds.name() + " to collect history...");
    ReplayReport report;
    try (DirectDriver driver =
        new DirectDriver(CulpritPipeline.build(config), items::add, edges::add)) {
      report =
          replay.run(
              driver,
              bar::update,
              i -> incidents.merge(i.id(), i, (a, b) -> b.version() >= a.version() ? b : a));
    }
    bar.done();
    if (faultFree) {
      return new History(
          items,
          TrainingOutcomes.faultFree(items, ds.faults()),
          edges,
          ds.name() + ", fault-free reference; minutes near labelled faults left out",
          report.replayedHours());
    }
    List<TrainingOutcomes.Confirmed> confirmed = new ArrayList<>();
    Map<String, FaultLabel> byId = new java.util.HashMap<>();
    ds.faults().forEach(f -> byId.put(f.id(), f));
    for (var c :
        new Evaluator()
            .cases(new Evaluator.Outcome(ds.faults(), incidents), false, new HashSet<>())) {
      if (c.incident() != null) {
        FaultLabel f = byId.get(c.id());
        confirmed.add(
            new TrainingOutcomes.Confirmed(
                incidents.get(c.incident()), c.truth(), f == null ? null : f.truthService()));
      }
    }
    return new History(
        items,
        TrainingOutcomes.labelled(items, confirmed, List.of(), List.of(), ds.faults()),
        edges,
        ds.name()
            + ", "
            + ds.faults().size()
            + " labelled faults, "
            + confirmed.size()
            + " confirmed incidents of "
            + incidents.size(),
        report.replayedHours());
  }

  /**
   * Reads what a running Culprit wrote. Incidents with feedback are confirmed (a root cause named)
   * or false positives; incidents without feedback that resolved within {@link #SHORT_INCIDENT}
   * were noise too; longer ones without feedback are left out. Evidence in no incident was noise.
   */
  private History fromTopic() {
    PrintWriter err = spec.commandLine().getErr();
    java.time.Duration timeout = java.time.Duration.ofMinutes(10);
    err.println("reading " + fromTopic + ", culprit.incidents, culprit.feedback, culprit.graph...");
    List<Evidence> items =
        TopicReader.readAll(
            bootstrapServers,
            new dev.culprit.model.Topic<>(
                fromTopic, Topics.EVIDENCE.keySerde(), Topics.EVIDENCE.valueSerde()),
            timeout);
    Map<String, Incident> incidents = new LinkedHashMap<>();
    for (Incident i : TopicReader.readAll(bootstrapServers, Topics.INCIDENTS, timeout)) {
      if (i.trigger() == null) {
        incidents.merge(i.id(), i, (a, b) -> b.version() >= a.version() ? b : a);
      }
    }
    Map<String, Feedback> feedback = new LinkedHashMap<>();
    for (Feedback f : TopicReader.readAll(bootstrapServers, Topics.FEEDBACK, timeout)) {
      feedback.merge(f.incidentId(), f, (a, b) -> b.time() >= a.time() ? b : a);
    }
    List<GraphEdge> edges = TopicReader.readAll(bootstrapServers, Topics.GRAPH, timeout);
    List<TrainingOutcomes.Confirmed> confirmed = new ArrayList<>();
    List<Incident> falsePositives = new ArrayList<>();
    List<Incident> unknown = new ArrayList<>();
    for (Incident i : incidents.values()) {
      Feedback f = feedback.get(i.id());
      if (f != null && f.kind() == Feedback.Kind.ROOT_CAUSE) {
        confirmed.add(new TrainingOutcomes.Confirmed(i, f.rootCause()));
      } else if (f != null
          || (i.status() == Incident.Status.RESOLVED
              && i.updatedAt() - i.openedAt() <= SHORT_INCIDENT.toMillis())) {
        falsePositives.add(i);
      } else {
        unknown.add(i);
      }
    }
    long first = items.stream().mapToLong(Evidence::time).min().orElse(0);
    long last = items.stream().mapToLong(Evidence::time).max().orElse(0);
    return new History(
        items,
        TrainingOutcomes.labelled(items, confirmed, falsePositives, unknown, List.of()),
        edges,
        String.format(
            Locale.ROOT,
            "%s on %s: %d incidents, %d confirmed, %d false positives, %d unknown",
            fromTopic,
            bootstrapServers,
            incidents.size(),
            confirmed.size(),
            falsePositives.size(),
            unknown.size()),
        (last - first) / 3_600_000.0);
  }

  /** An incident that resolved this soon after opening, with no feedback, was noise. */
  static final java.time.Duration SHORT_INCIDENT = java.time.Duration.ofMinutes(5);

  private long instant(String text) {
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--until must be an ISO-8601 instant like 2022-03-21T00:00:00Z");
    }
  }
}
