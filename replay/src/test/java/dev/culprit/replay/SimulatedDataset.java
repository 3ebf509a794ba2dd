package dev.culprit.replay;

import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.FaultLabel;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.model.EntityRef;
import dev.culprit.model.Signal;
import dev.culprit.sim.InjectedFault;
import dev.culprit.sim.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Simulated signals (every service, half a trace per second) with one CPU fault injected into a
 * catalog pod, as a labelled dataset.
 */
final class SimulatedDataset implements Dataset {
  private final List<Signal> signals = new ArrayList<>();
  private final FaultLabel fault;

  SimulatedDataset(long seed, Duration after) {
    Simulator.Options options = Simulator.Options.defaults(seed).withTracesPerSecond(0.5);
    String pod = new Simulator(options).pods("catalog").get(0).name();
    long at = options.start() + options.warmup().toMillis() + 60_000;
    InjectedFault injected =
        new InjectedFault("f1", EntityRef.instance(pod), "catalog", "cpu", at, at + 300_000);
    Simulator simulator = new Simulator(options, List.of(injected));
    while (simulator.now() < at + after.toMillis()) {
      signals.addAll(simulator.advance(Duration.ofMinutes(1)).signals());
    }
    fault = new FaultLabel("f1", at, EntityRef.instance(pod), "catalog", "cpu");
  }

  List<Signal> signals() {
    return signals;
  }

  FaultLabel fault() {
    return fault;
  }

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public List<FaultLabel> faults() {
    return List.of(fault);
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
