package dev.culprit.cli;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.correlation.Rankers;
import dev.culprit.correlation.rank.RankerOptions;
import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.recording.RawDataset;
import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.Json;
import dev.culprit.model.SignalType;
import dev.culprit.notify.LocalNotifier;
import dev.culprit.replay.DirectDriver;
import dev.culprit.replay.KafkaDriver;
import dev.culprit.replay.PipelineDriver;
import dev.culprit.replay.ProgressBar;
import dev.culprit.replay.RankHistory;
import dev.culprit.replay.Replay;
import dev.culprit.replay.ReplayReport;
import dev.culprit.replay.ReportPage;
import dev.culprit.replay.ReportTable;
import dev.culprit.run.LivePipeline;
import dev.culprit.topology.DeclaredTopology;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code culprit replay}: replays a labelled dataset through the pipeline and scores it. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays a labelled fault dataset in event-time order through the pipeline and scores the"
          + " ranked incidents against the labels; or replays raw topics (a recording, or what a"
          + " cluster retains) through the normalising stage as live, scored against --labels.",
      "Prints a per-fault table on stdout and a progress bar on stderr."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReplayInput input = new ReplayInput();

  @Option(names = "--report", description = "Write the JSON report to this file.")
  Path report;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Write the report as one self-contained HTML page (accuracy, per-kind bars, per fault"
              + " its start, its incident's opening and the rank of the truth over time).")
  Path html;

  @Option(
      names = "--compare",
      paramLabel = "REPORT",
      description =
          "With --html: put the accuracy of this earlier JSON report (a baseline ranker, the other"
              + " protocol) beside this replay's (repeatable).")
  List<Path> compare = new ArrayList<>();

  @Option(
      names = "--triggered",
      description = "Hand the engine each fault's start time instead of letting it detect faults.")
  boolean triggered;

  @Option(
      names = "--broker",
      description =
          "Where the pipeline runs: none (in-process, default) or embedded (in-JVM Kafka).",
      defaultValue = "none")
  String broker;

  @Option(
      names = "--bootstrap-servers",
      description =
          "Run through an existing Kafka cluster at HOST:PORT; with --from-topics, the cluster"
              + " whose raw topics are replayed.")
  String bootstrapServers;

  @Option(
      names = "--ranker",
      defaultValue = Rankers.DEFAULT,
      description =
          "Root-cause ranker: culprit (the engine's own, default), or a baseline to compare it"
              + " with: count (evidence items per entity) or microrca (personalized PageRank on"
              + " the anomalous subgraph).")
  String ranker;

  @Option(
      names = "--evidence-out",
      description =
          "Also write every evidence record as JSON lines to this file (in-process only).")
  Path evidenceOut;

  @Option(
      names = "--incidents-out",
      paramLabel = "FILE",
      description = "Also write every incident record (each version) as JSON lines to this file.")
  Path incidentsOut;

  @Option(
      names = "--topology",
      description = "Declared topology in Culprit's YAML format, merged with what is learned.")
  Path topology;

  @Option(
      names = "--without",
      split = ",",
      paramLabel = "SIGNALS",
      converter = SignalTypeConverter.class,
      description =
          "Leave out every signal of a type before the pipeline sees it, to measure what the type"
              + " contributes: metrics, logs, traces or alerts (repeatable or comma-separated).")
  List<SignalType> without = new ArrayList<>();

  @Mixin SuppressionOptions suppression = new SuppressionOptions();

  @Mixin OpeningOptions opening = new OpeningOptions();

  @Option(
      names = "--ranker-option",
      paramLabel = "NAME=VALUE",
      description =
          "Set one constant of Culprit's ranker and of the excess incidents open on, for sweeps"
              + " (repeatable; names: corroborationWeight, symptomDiscount, secondaryWeight,"
              + " concentration, alternateLevelWeight, minHostedSymptoms, onsetToleranceMillis)."
              + " Defaults and where they come from: EVALUATION.md and RankerOptions.")
  Map<String, String> rankerOptions = new java.util.LinkedHashMap<>();

  @Mixin MappingOptions mapping = new MappingOptions();

  @Option(
      names = "--score-from",
      paramLabel = "TIME",
      description =
          "Score only faults from this instant on (ISO-8601) and count only incidents opened from"
              + " then on; earlier signals still warm the pipeline up. Pairs with `train --until`.")
  String scoreFrom;

  @Mixin LabelOptions labels = new LabelOptions();

  @Mixin NotifyOptions notify = new NotifyOptions();

  @Mixin LogFormatOption logFormat = new LogFormatOption();

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  /** How long a replay waits at its end for chat messages still queued (rate limits). */
  private static final java.time.Duration NOTIFY_DRAIN = java.time.Duration.ofMinutes(10);

  @Override
  public Integer call() throws Exception {
    if (!Rankers.names().contains(ranker)) {
      throw new ParameterException(
          spec.commandLine(),
          "--ranker must be one of " + String.join(", ", Rankers.names()) + ", not " + ranker);
    }
    notify.validate(spec.commandLine());
    SuppressionOptions.Choice held = suppression.choice(spec.commandLine());
    PipelineConfig config =
        opening.apply(
            spec.commandLine(),
            PipelineConfig.defaults().withRanker(ranker).withSuppression(held.config()));
    config = config.withIncidents(config.incidents().withFusion(fusion()));
    List<ReplayReport> compared = compared();
    Dataset ds = openDataset();
    PrintWriter err = spec.commandLine().getErr();
    Replay replay =
        new Replay(
                ds,
                triggered,
                ranker,
                topology == null ? List.of() : DeclaredTopology.read(topology),
                Set.copyOf(without))
            .describingSuppression(held.description())
            .readingLabelsIn(labels.zone());
    List<FaultLabel> labelled = labels.read(spec.commandLine(), err);
    if (labelled != null) {
      replay.labelledBy(labelled);
    }
    if (scoreFrom != null) {
      try {
        replay.scoringFrom(java.time.Instant.parse(scoreFrom).toEpochMilli());
      } catch (java.time.format.DateTimeParseException e) {
        throw new ParameterException(
            spec.commandLine(),
            "--score-from must be an ISO-8601 instant like 2022-03-21T00:00:00Z");
      }
    }
    ProgressBar bar = new ProgressBar(err, quiet);
    ReplayReport result;
    RankHistory history = new RankHistory();
    LocalNotifier notifier =
        notify.any()
            ? LocalNotifier.start(
                notify.destinations(spec.commandLine()),
                NotifyOptions::renderer,
                notify.updatePolicy(spec.commandLine()),
                notify.feedbackUrl,
                notify.links(spec.commandLine(), null),
                notify.delivery(spec.commandLine()))
            : null;
    try (EmbeddedKafkaBroker broker = startBrokerIfAsked(err);
        EvidenceLog log = EvidenceLog.open(evidenceOut);
        PipelineDriver driver = driver(topology(ds, config, replay), log, broker);
        BufferedWriter incidents =
            incidentsOut == null ? null : Files.newBufferedWriter(incidentsOut)) {
      result =
          replay.run(
              driver,
              bar::update,
              incident -> {
                if (html != null) {
                  history.accept(incident);
                }
                if (notifier != null) {
                  notifier.accept(incident);
                }
                if (incidents != null) {
                  try {
                    incidents.write(Json.mapper().writeValueAsString(incident));
                    incidents.newLine();
                  } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write " + incidentsOut, e);
                  }
                }
              });
    }
    bar.done();
    result.warnings().forEach(w -> err.println("warning: " + w));
    if (notifier != null) {
      if (notifier.pending() > 0) {
        err.printf("delivering %d queued notifications...%n", notifier.pending());
        err.flush();
      }
      notifier.close(NOTIFY_DRAIN);
      int n = notify.specs.size();
      err.printf(
          "notifications: %d sent to %d destination%s, %d given up%n",
          notifier.notifications(), n, n == 1 ? "" : "s", notifier.failures());
    }
    PrintWriter out = spec.commandLine().getOut();
    new ReportTable(out).print(result);
    if (report != null) {
      Json.mapper().writerWithDefaultPrettyPrinter().writeValue(report.toFile(), result);
      out.println("report written to " + report);
    }
    if (html != null) {
      ReportPage.write(result, history, compared, html);
      out.println("HTML report written to " + html);
    }
    out.flush();
    return 0;
  }

  private Dataset openDataset() throws java.io.IOException {
    return input.open(spec.commandLine(), labels.zone(), bootstrapServers);
  }

  /** The pipeline, with the normalising stage in front for raw records. */
  /** The reports to compare with, read before anything runs; a usage error for one unreadable. */
  private List<ReplayReport> compared() {
    if (!compare.isEmpty() && html == null) {
      throw new ParameterException(spec.commandLine(), "--compare needs --html");
    }
    List<ReplayReport> out = new ArrayList<>();
    for (Path p : compare) {
      try {
        out.add(dev.culprit.model.Json.mapper().readValue(p.toFile(), ReplayReport.class));
      } catch (java.io.IOException e) {
        throw new ParameterException(
            spec.commandLine(), "--compare: cannot read the report " + p + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** The ranker options asked for, with a usage error for an unknown name or a bad value. */
  private RankerOptions fusion() {
    RankerOptions o = RankerOptions.defaults();
    for (Map.Entry<String, String> e : rankerOptions.entrySet()) {
      try {
        o = o.with(e.getKey(), e.getValue());
      } catch (IllegalArgumentException bad) {
        throw new ParameterException(spec.commandLine(), "--ranker-option: " + bad.getMessage());
      }
    }
    if (!rankerOptions.isEmpty()) {
      spec.commandLine().getErr().println("ranker options: " + o);
    }
    return o;
  }

  private Topology topology(Dataset ds, PipelineConfig config, Replay replay) {
    return ds instanceof RawDataset
        ? LivePipeline.topology(config, mapping.mapping(), replay::timed)
        : CulpritPipeline.build(config, replay::timed);
  }

  private EmbeddedKafkaBroker startBrokerIfAsked(PrintWriter err) {
    switch (broker) {
      case "none" -> {
        return null;
      }
      case "embedded" -> {
        if (bootstrapServers != null && !input.fromTopics()) {
          throw new ParameterException(
              spec.commandLine(), "Use either --broker embedded or --bootstrap-servers");
        }
        err.println("starting an in-JVM Kafka broker...");
        return EmbeddedKafkaBroker.start();
      }
      default ->
          throw new ParameterException(
              spec.commandLine(), "--broker must be none or embedded, not " + broker);
    }
  }

  private PipelineDriver driver(Topology topology, EvidenceLog log, EmbeddedKafkaBroker b) {
    String servers =
        b != null ? b.bootstrapServers() : input.fromTopics() ? null : bootstrapServers;
    if (servers != null) {
      if (evidenceOut != null) {
        throw new ParameterException(spec.commandLine(), "--evidence-out works in-process only");
      }
      return new KafkaDriver(servers, topology);
    }
    return new DirectDriver(topology, log.sink(), null);
  }

  /** Reads a signal type for {@code --without}; refuses anything else with the valid names. */
  static final class SignalTypeConverter implements ITypeConverter<SignalType> {
    @Override
    public SignalType convert(String value) {
      try {
        return SignalType.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "expected metrics, logs, traces or alerts, not '" + value + "'");
      }
    }
  }
}
