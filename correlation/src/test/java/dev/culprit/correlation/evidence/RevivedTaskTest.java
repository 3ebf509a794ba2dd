package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.MetricClass;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * When Kafka Streams revives a task (under exactly-once, after its transaction was aborted) it
 * calls {@code init} again on the same processor objects, restores the stores to the last commit
 * and reprocesses the records since: the processors must give what they gave the first time. Each
 * test runs a processor, then re-initialises it on stores as of before the run (what the changelog
 * holds when nothing was committed) and runs it again.
 */
class RevivedTaskTest {
  private static final EvidenceConfig CONFIG = EvidenceConfig.defaults();
  private static final long MINUTE = 60_000;

  @Test
  void aRevivedScorerSendsTheTicksOfTheAbortedTransactionAgain() {
    AnomalyProcessor scorer = new AnomalyProcessor(CONFIG);
    List<Long> first = ticks(scorer, 10 * MINUTE);
    List<Long> again = ticks(scorer, 10 * MINUTE);

    assertThat(first).isNotEmpty();
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aRevivedWindowJoinTakesTheSignalsOfTheAbortedTransactionAgain() {
    WindowJoinProcessor join = new WindowJoinProcessor(CONFIG);
    List<String> first = windows(join);
    List<String> again = windows(join);

    assertThat(first).containsExactly("instance:cart-0@" + 5 * MINUTE);
    assertThat(again).isEqualTo(first);
  }

  /** Initialises {@code scorer} on an empty store and punctuates at {@code streamTime}. */
  private static List<Long> ticks(AnomalyProcessor scorer, long streamTime) {
    MockProcessorContext<String, ScopedEvent> context = new MockProcessorContext<>();
    TestStores.add(context, EvidenceStage.BASELINES_STORE, Baseline.serde());
    scorer.init(context);
    context.scheduledPunctuators().getFirst().getPunctuator().punctuate(streamTime);
    return context.forwarded().stream()
        .map(f -> f.record().value())
        .filter(e -> e instanceof ScopedEvent.Tick)
        .map(e -> ((ScopedEvent.Tick) e).time())
        .toList();
  }

  /**
   * Initialises {@code join} on empty stores, gives it a sample in the window at minute 5, closes
   * windows at minute 7 and returns the closed windows as {@code entity@start}.
   */
  private static List<String> windows(WindowJoinProcessor join) {
    MockProcessorContext<String, EntityWindow> context = new MockProcessorContext<>();
    TestStores.add(context, EvidenceStage.WINDOWS_STORE, EntityWindowCodec.serde());
    TestStores.add(context, EvidenceStage.TEMPLATES_STORE, TemplateMiner.serde());
    join.init(context);
    var close = context.scheduledPunctuators().getFirst().getPunctuator();
    close.punctuate(4 * MINUTE);
    Signal sample =
        new MetricSample(
            new Resource("cart", "cart-0", "node-1"),
            5 * MINUTE + 1_000,
            "cpu_usage",
            0.5,
            MetricClass.RESOURCE);
    join.process(new Record<>("instance:cart-0", sample, sample.time()));
    close.punctuate(7 * MINUTE);
    return context.forwarded().stream()
        .map(f -> f.record().value().entityKey + "@" + f.record().value().start)
        .toList();
  }
}
