package dev.culprit.bench;

import dev.culprit.ingest.dataset.Dataset;
import dev.culprit.ingest.dataset.SignalSource;
import dev.culprit.model.Signal;
import dev.culprit.model.SignalType;
import dev.culprit.sim.Simulator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The input of a bench: signals encoded as raw records, in event-time order, and what they hold.
 *
 * @param name where the signals come from
 * @param records the raw records
 * @param types signals per type (alerts, which have no raw encoding here, are left out and counted
 *     under {@code left out})
 * @param leftOut signals left out
 */
public record BenchInput(
    String name, List<RawRecord> records, Map<SignalType, Long> types, long leftOut) {

  /** {@code n} simulated signals: every service, faults injected on the default schedule. */
  public static BenchInput simulated(long seed, int n) {
    Simulator simulator = new Simulator(Simulator.Options.defaults(seed));
    List<Signal> signals = new ArrayList<>(n);
    while (signals.size() < n) {
      signals.addAll(simulator.advance(Duration.ofMinutes(1)).signals());
    }
    return encode("simulated (seed " + seed + ")", signals.subList(0, n));
  }

  /** The first {@code n} signals of {@code dataset}. */
  public static BenchInput of(Dataset dataset, int n) throws IOException {
    List<Signal> signals = new ArrayList<>(n);
    try (SignalSource source = dataset.open()) {
      while (source.hasNext() && signals.size() < n) {
        signals.add(source.next());
      }
    }
    return encode(dataset.name(), signals);
  }

  private static BenchInput encode(String name, List<Signal> signals) {
    List<RawRecord> records = new ArrayList<>(signals.size());
    Map<SignalType, Long> types = new EnumMap<>(SignalType.class);
    long leftOut = 0;
    for (Signal s : signals) {
      RawRecord r = RawRecords.encode(s);
      if (r == null) {
        leftOut++;
      } else {
        records.add(r);
        types.merge(s.type(), 1L, Long::sum);
      }
    }
    return new BenchInput(name, List.copyOf(records), types, leftOut);
  }

  /** One line: the source, the records and their mix. */
  public String describe() {
    String mix =
        types.entrySet().stream()
            .map(e -> String.format("%,d %ss", e.getValue(), e.getKey().label()))
            .collect(Collectors.joining(", "));
    return String.format(
        "input: %s, %,d raw records (%s%s)",
        name, records.size(), mix, leftOut == 0 ? "" : String.format(", %,d left out", leftOut));
  }
}
