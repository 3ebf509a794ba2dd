package dev.culprit.correlation.evidence;

import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins metrics, logs and spans of one entity (key: entity) into tumbling event-time windows and
 * forwards each window once it is closed (end + grace passed in stream time). Late signals, for a
 * window already closed, are counted and logged at most once a minute ({@link LateSignals}). Log
 * lines are mined into templates per entity ({@link TemplateMiner}, store {@code
 * evidence-log-templates-v1}).
 */
final class WindowJoinProcessor extends ContextualProcessor<String, Signal, String, EntityWindow> {
  private static final Logger LOG = LoggerFactory.getLogger(WindowJoinProcessor.class);

  private final EvidenceConfig config;
  private KeyValueStore<String, EntityWindow> open;
  private KeyValueStore<String, TemplateMiner> templates;
  private final Map<String, TemplateMiner> miners = new HashMap<>();
  private final Set<String> changedMiners = new HashSet<>();
  private long closedUpTo = Long.MIN_VALUE;
  private final LateSignals late = new LateSignals(System::nanoTime);

  WindowJoinProcessor(EvidenceConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, EntityWindow> context) {
    super.init(context);
    // Kafka Streams calls init again on these same processor objects when it revives a task (under
    // exactly-once, after an aborted transaction) and reprocesses from the last commit: what is
    // kept outside the stores starts over with them
    closedUpTo = Long.MIN_VALUE;
    miners.clear();
    changedMiners.clear();
    open = context.getStateStore(EvidenceStage.WINDOWS_STORE);
    templates = context.getStateStore(EvidenceStage.TEMPLATES_STORE);
    long every = Math.max(1000, Math.min(config.window().toMillis(), config.grace().toMillis()));
    context.schedule(java.time.Duration.ofMillis(every), PunctuationType.STREAM_TIME, this::close);
    IdleClock.schedule(context, config.idleAdvance(), this::close);
  }

  @Override
  public void process(Record<String, Signal> record) {
    Signal s = record.value();
    if (!(s instanceof MetricSample || s instanceof Span || s instanceof LogEvent)
        || record.key() == null) {
      return;
    }
    long size = config.window().toMillis();
    long start = Math.floorDiv(s.time(), size) * size;
    if (start + size <= closedUpTo) {
      String line = late.late(start, record.key());
      if (line != null) {
        LOG.warn(line);
      }
      return;
    }
    String storeKey = storeKey(record.key(), start);
    EntityWindow w = open.get(storeKey);
    if (w == null) {
      w = new EntityWindow(record.key(), start, start + size, s.resource());
    } else {
      w.mergeResource(s.resource());
    }
    switch (s) {
      case MetricSample m -> w.add(m);
      case Span span -> w.add(span);
      case LogEvent log -> w.add(log, miner(record.key()).match(log.severity(), log.body()));
      default -> throw new IllegalStateException("not a windowed signal: " + s.type());
    }
    open.put(storeKey, w);
  }

  /**
   * The entity's template miner. Miners are cached here and written back to their store when
   * windows close, not per line: a line changes a miner, and rewriting it per line would dominate.
   */
  private TemplateMiner miner(String entityKey) {
    changedMiners.add(entityKey);
    return miners.computeIfAbsent(
        entityKey,
        k -> {
          TemplateMiner m = templates.get(k);
          return m != null ? m : new TemplateMiner();
        });
  }

  static String storeKey(String entityKey, long start) {
    return StoreKeys.zeroPadded(start, 19) + "|" + entityKey;
  }

  private void close(long streamTime) {
    long closeBefore = streamTime - config.grace().toMillis();
    List<KeyValue<String, EntityWindow>> done = new ArrayList<>();
    try (KeyValueIterator<String, EntityWindow> it = open.all()) {
      while (it.hasNext()) {
        KeyValue<String, EntityWindow> kv = it.next();
        if (kv.value.end <= closeBefore) {
          done.add(kv);
        }
      }
    }
    done.sort(Comparator.comparing(kv -> kv.key));
    for (KeyValue<String, EntityWindow> kv : done) {
      open.delete(kv.key);
      context().forward(new Record<>(kv.value.entityKey, kv.value, kv.value.end));
    }
    closedUpTo = Math.max(closedUpTo, closeBefore);
    for (String entity : changedMiners) {
      templates.put(entity, miners.get(entity));
    }
    changedMiners.clear();
  }
}
