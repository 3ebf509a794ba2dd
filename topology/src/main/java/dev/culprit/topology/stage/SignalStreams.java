package dev.culprit.topology.stage;

import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Merges the canonical signal streams into one stream of {@link Signal}s, with named operators. */
public final class SignalStreams {
  private SignalStreams() {}

  /**
   * The three streams as one; operators are named {@code <stage>-metrics-as-signals}, {@code
   * <stage>-merge-logs}, and so on.
   */
  public static KStream<String, Signal> merge(
      String stage,
      KStream<String, MetricSample> metrics,
      KStream<String, LogEvent> logs,
      KStream<String, Span> spans) {
    return metrics
        .mapValues(SignalStreams::widen, Named.as(stage + "-metrics-as-signals"))
        .merge(
            logs.mapValues(SignalStreams::widen, Named.as(stage + "-logs-as-signals")),
            Named.as(stage + "-merge-logs"))
        .merge(
            spans.mapValues(SignalStreams::widen, Named.as(stage + "-spans-as-signals")),
            Named.as(stage + "-merge-spans"));
  }

  private static Signal widen(Signal s) {
    return s;
  }
}
