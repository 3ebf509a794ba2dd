package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.CulpritPipeline;
import dev.culprit.correlation.PipelineConfig;
import dev.culprit.demo.DemoLabels;
import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.ingest.format.EntityMapping;
import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.format.OtlpEncoder;
import dev.culprit.ingest.recording.RawRecord;
import dev.culprit.ingest.recording.RecordedDataset;
import dev.culprit.ingest.recording.RecordingWriter;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Signal;
import dev.culprit.run.LivePipeline;
import dev.culprit.sim.FaultKind;
import dev.culprit.sim.InjectedFault;
import dev.culprit.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same simulated history replayed twice in process: as canonical signals, and as a recording of
 * the OTLP records a Collector would have written for them, through the normalising stage. Both
 * replays must score alike.
 */
class RecordedReplayTest {
  @TempDir Path dir;

  @Test
  void aRecordingOfOtlpRecordsScoresLikeTheSignalsItHolds() throws IOException {
    Simulator.Options options =
        new Simulator.Options(
            11,
            Simulator.Options.DEFAULT_START,
            5,
            Duration.ofMinutes(20),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofSeconds(15),
            1,
            List.of(FaultKind.CPU));
    long at = options.start() + options.warmup().toMillis();
    List<InjectedFault> injected =
        List.of(
            new InjectedFault(
                "fault-1", EntityRef.instance("catalog-0"), "catalog", "latency", at, at + 300_000),
            new InjectedFault(
                "fault-2", EntityRef.node("node-1"), null, "node", at + 600_000, at + 900_000));
    List<Signal> signals = simulate(new Simulator(options, injected), Duration.ofMinutes(38));
    List<FaultLabel> labels = injected.stream().map(DemoLabels::label).toList();
    record(signals);

    ReplayReport asSignals =
        replay(new Replay(new Signals(signals), false, "culprit").labelledBy(labels), false);
    ReplayReport asRecorded =
        replay(
            new Replay(RecordedDataset.open(dir, Set.copyOf(Formats.topics())), false, "culprit")
                .labelledBy(labels),
            true);

    assertThat(asRecorded.input()).isEqualTo("raw records");
    assertThat(asRecorded.signals()).isEqualTo(signals.size());
    assertThat(asRecorded.cases()).isEqualTo(asSignals.cases());
    assertThat(asRecorded.incidents()).isEqualTo(asSignals.incidents());
    assertThat(asRecorded.falseIncidents()).isEqualTo(asSignals.falseIncidents());
    assertThat(asRecorded.byKind()).isEqualTo(asSignals.byKind());
    assertThat(asSignals.detected()).as("the faults are found at all").isEqualTo(2);
  }

  @Test
  void rawRecordsTheNormalisingStageCannotReadAreCountedAndTheRestReplayed() throws IOException {
    Signal good =
        new dev.culprit.model.MetricSample(
            new dev.culprit.model.Resource("cart", "cart-0", null), 1_000_000, "cpu", 1, null);
    try (RecordingWriter w = RecordingWriter.open(dir, RecordingWriter.Options.defaults())) {
      OtlpEncoder.Encoded e = OtlpEncoder.encode(List.of(good));
      w.write(new RawRecord(e.topic(), 0, 0, 1_000_000, null, e.payload(), List.of()));
      w.write(new RawRecord("otlp_metrics", 0, 1, 1_000_001, null, "{oops".getBytes(), List.of()));
      w.write(new RawRecord(e.topic(), 0, 2, 1_000_002, null, e.payload(), List.of()));
    }
    Replay replay =
        new Replay(RecordedDataset.open(dir, Set.copyOf(Formats.topics())), false, "culprit");
    PipelineConfig config = PipelineConfig.defaults();

    try (InProcessDriver driver =
        new InProcessDriver(
            LivePipeline.topology(config, EntityMapping.defaults(), replay::timed))) {
      ReplayReport report = replay.run(driver, p -> {}, i -> {});

      assertThat(report.signals()).isEqualTo(3);
      assertThat(driver.deadLettered()).isEqualTo(1);
    }
  }

  private static List<Signal> simulate(Simulator simulator, Duration total) {
    List<Signal> out = new ArrayList<>();
    long end = simulator.now() + total.toMillis();
    while (simulator.now() < end) {
      out.addAll(simulator.advanceTo(Math.min(end, simulator.now() + 60_000)).signals());
    }
    return out;
  }

  /** One OTLP record per signal, each on its topic's partition 0, timestamped with its time. */
  private void record(List<Signal> signals) throws IOException {
    Map<String, Long> offsets = new HashMap<>();
    try (RecordingWriter w = RecordingWriter.open(dir, RecordingWriter.Options.defaults())) {
      for (Signal s : signals) {
        OtlpEncoder.Encoded e = OtlpEncoder.encode(List.of(s));
        long offset = offsets.merge(e.topic(), 1L, Long::sum) - 1;
        w.write(new RawRecord(e.topic(), 0, offset, s.time(), null, e.payload(), List.of()));
      }
    }
  }

  private static ReplayReport replay(Replay replay, boolean raw) throws IOException {
    PipelineConfig config = PipelineConfig.defaults();
    try (InProcessDriver driver =
        new InProcessDriver(
            raw
                ? LivePipeline.topology(config, EntityMapping.defaults(), replay::timed)
                : CulpritPipeline.build(config, replay::timed))) {
      return replay.run(driver, p -> {}, i -> {});
    }
  }

  /** Signals in memory, as a dataset. */
  private record Signals(List<Signal> signals) implements Dataset {
    @Override
    public String name() {
      return "simulated";
    }

    @Override
    public List<FaultLabel> faults() {
      return List.of();
    }

    @Override
    public SignalSource open() {
      Iterator<Signal> it = signals.iterator();
      return new SignalSource() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Signal next() {
          return it.next();
        }

        @Override
        public long bytesRead() {
          return 0;
        }

        @Override
        public long totalBytes() {
          return 0;
        }

        @Override
        public void close() {}
      };
    }
  }
}
