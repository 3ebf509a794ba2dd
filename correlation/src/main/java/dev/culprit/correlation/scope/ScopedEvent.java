package dev.culprit.correlation.scope;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.culprit.model.Evidence;
import dev.culprit.model.JsonSerde;
import dev.culprit.model.Trigger;

/**
 * What the per-scope stages (suppression, then incidents) consume: evidence, ranking triggers,
 * ticks that carry event time forward when windows close without evidence, and the state of
 * external alerts (firing until when, or resolved).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ScopedEvent.EvidenceEvent.class, name = "evidence"),
  @JsonSubTypes.Type(value = ScopedEvent.TriggerEvent.class, name = "trigger"),
  @JsonSubTypes.Type(value = ScopedEvent.Tick.class, name = "tick"),
  @JsonSubTypes.Type(value = ScopedEvent.AlertState.class, name = "alert-state")
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

  /**
   * An external alert's state as its sender last told it: the alert {@code name} on {@code entity}
   * (an entity key) fires until {@code until} (epoch millis; {@link Long#MAX_VALUE} while it fires
   * and the sender gave no end; a resolved alert's end).
   *
   * @param entity the alert's entity key
   * @param name the alert name
   * @param time when it started firing (event time)
   * @param until until when it fires
   * @param scope the scope the alert's labels named, or null for the configured one
   */
  record AlertState(String entity, String name, long time, long until, String scope)
      implements ScopedEvent {
    /** The state of an alert that names no scope. */
    public AlertState(String entity, String name, long time, long until) {
      this(entity, name, time, until, null);
    }

    /** The key an alert is remembered by: its entity and name. */
    public String key() {
      return entity + "|" + name;
    }
  }
}
