package dev.culprit.correlation.scope;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys each event by its scope, in the task of the entity it is about.
 *
 * <ul>
 *   <li>Evidence and alert states go to the scope their resource named; one that names none goes to
 *       the scope last named for its entity ({@link ScopeStage#ENTITY_SCOPES_STORE}), else to the
 *       configured scope.
 *   <li>A trigger goes to its own scope.
 *   <li>A tick goes to the configured scope and to every scope this task has seen an event of
 *       within {@code forget} before it ({@link ScopeStage#SEEN_SCOPES_STORE}), so that each
 *       scope's incidents move on with event time; scopes quiet for longer are forgotten.
 * </ul>
 */
final class ScopeKeyProcessor
    extends ContextualProcessor<String, ScopedEvent, String, ScopedEvent> {
  private final String defaultScope;
  private final long forgetMillis;
  private KeyValueStore<String, String> entityScopes;
  private KeyValueStore<String, Long> seen;

  ScopeKeyProcessor(String defaultScope, long forgetMillis) {
    this.defaultScope = defaultScope;
    this.forgetMillis = forgetMillis;
  }

  @Override
  public void init(ProcessorContext<String, ScopedEvent> context) {
    super.init(context);
    entityScopes = context.getStateStore(ScopeStage.ENTITY_SCOPES_STORE);
    seen = context.getStateStore(ScopeStage.SEEN_SCOPES_STORE);
  }

  @Override
  public void process(Record<String, ScopedEvent> record) {
    ScopedEvent e = record.value();
    if (e == null) {
      return;
    }
    switch (e) {
      case ScopedEvent.Tick t -> fanOut(record, t.time());
      case ScopedEvent.TriggerEvent t -> forward(record, t.trigger().scope());
      case ScopedEvent.EvidenceEvent ev ->
          forward(record, scopeOf(ev.evidence().entity().key(), ev.evidence().resource().scope()));
      case ScopedEvent.AlertState a -> forward(record, scopeOf(a.entity(), a.scope()));
    }
  }

  /**
   * The scope {@code named}, remembered for the entity; else the entity's last, else the default.
   */
  String scopeOf(String entity, String named) {
    if (named != null) {
      if (!named.equals(entityScopes.get(entity))) {
        entityScopes.put(entity, named);
      }
      return named;
    }
    String last = entityScopes.get(entity);
    return last != null ? last : defaultScope;
  }

  private void forward(Record<String, ScopedEvent> record, String scope) {
    long time = record.value().time();
    Long last = seen.get(scope);
    if (last == null || time > last) {
      seen.put(scope, time);
    }
    context().forward(record.withKey(scope));
  }

  private void fanOut(Record<String, ScopedEvent> record, long time) {
    List<String> scopes = new ArrayList<>();
    List<String> forgotten = new ArrayList<>();
    try (var all = seen.all()) {
      all.forEachRemaining(kv -> (kv.value < time - forgetMillis ? forgotten : scopes).add(kv.key));
    }
    forgotten.forEach(seen::delete);
    if (!scopes.contains(defaultScope)) {
      scopes.add(defaultScope);
    }
    for (String scope : scopes) {
      context().forward(record.withKey(scope));
    }
  }
}
