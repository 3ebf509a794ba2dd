package dev.culprit.correlation.evidence;

import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.Evidence;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scores closed entity windows against each entity's history (store {@code evidence-baselines-v1})
 * and forwards evidence, plus a tick per stream-time advance so downstream stages see time pass
 * when nothing is anomalous.
 */
final class AnomalyProcessor
    extends ContextualProcessor<String, EntityWindow, String, ScopedEvent> {
  static final String TICK_KEY = "tick";

  private final AnomalyScorer scorer;
  private final EvidenceConfig config;
  private KeyValueStore<String, Baseline> baselines;
  private long lastTick = Long.MIN_VALUE;
  private long latestEnd = Long.MIN_VALUE;

  AnomalyProcessor(EvidenceConfig config) {
    this.config = config;
    this.scorer = new AnomalyScorer(config);
  }

  @Override
  public void init(ProcessorContext<String, ScopedEvent> context) {
    super.init(context);
    // Kafka Streams calls init again on these same processor objects when it revives a task (under
    // exactly-once, after an aborted transaction) and reprocesses from the last commit: what is
    // kept outside the stores starts over with them
    lastTick = Long.MIN_VALUE;
    latestEnd = Long.MIN_VALUE;
    baselines = context.getStateStore(EvidenceStage.BASELINES_STORE);
    context.schedule(config.window(), PunctuationType.STREAM_TIME, this::tick);
    IdleClock.schedule(context, config.idleAdvance(), this::tick);
  }

  @Override
  public void process(Record<String, EntityWindow> record) {
    EntityWindow w = record.value();
    Baseline b = baselines.get(w.entityKey);
    if (b == null) {
      b = new Baseline();
    }
    List<Evidence> evidence = scorer.scoreAndLearn(w, b);
    baselines.put(w.entityKey, b);
    for (Evidence e : evidence) {
      context().forward(new Record<>(w.entityKey, new ScopedEvent.EvidenceEvent(e), w.end));
    }
    latestEnd = Math.max(latestEnd, w.end);
  }

  /**
   * Emits a tick for the latest window known to be scored: the latest scored window, or, when
   * signals without windows (alerts) move stream time on, the window before the last one whose
   * grace has passed.
   */
  private void tick(long streamTime) {
    long size = config.window().toMillis();
    long closed = Math.floorDiv(streamTime - config.grace().toMillis(), size) * size - size;
    long time = Math.max(latestEnd, closed);
    if (time > lastTick && time >= 0) {
      lastTick = time;
      context().forward(new Record<>(TICK_KEY, new ScopedEvent.Tick(time), time));
    }
  }
}
