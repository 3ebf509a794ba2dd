package dev.culprit.correlation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.culprit.model.Evidence;
import dev.culprit.model.JsonSerde;
import dev.culprit.model.Trigger;

/**
 * What the per-scope stages (suppression, then incidents) consume: evidence, ranking triggers, and
 * ticks that carry event time forward when windows close without evidence.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ScopedEvent.EvidenceEvent.class, name = "evidence"),
  @JsonSubTypes.Type(value = ScopedEvent.TriggerEvent.class, name = "trigger"),
  @JsonSubTypes.Type(value = ScopedEvent.Tick.class, name = "tick")
})
public sealed interface ScopedEvent {

  /** Event time of this event (epoch millis). */
  long time();

  /** The serde used on the scope repartition topic. */
  static JsonSerde<ScopedEvent> serde() {
    return JsonSerde.of(ScopedEvent.class);
  }

  /** Anomaly evidence about an entity. */
  record EvidenceEvent(Evidence evidence) implements ScopedEvent {
    @Override
    public long time() {
      return evidence.time();
    }
  }

  /** A request to rank root causes for a moment. */
  record TriggerEvent(Trigger trigger) implements ScopedEvent {
    @Override
    public long time() {
      return trigger.at();
    }
  }

  /** Event time has reached {@code time}: every window ending by then has been scored. */
  record Tick(long time) implements ScopedEvent {}
}
