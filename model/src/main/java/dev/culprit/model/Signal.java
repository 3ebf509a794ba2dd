package dev.culprit.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A canonical signal: something observed about an entity at an event time (epoch millis). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "signal")
@JsonSubTypes({
  @JsonSubTypes.Type(value = MetricSample.class, name = "metric"),
  @JsonSubTypes.Type(value = LogEvent.class, name = "log"),
  @JsonSubTypes.Type(value = Span.class, name = "span"),
  @JsonSubTypes.Type(value = Alert.class, name = "alert")
})
public sealed interface Signal permits MetricSample, LogEvent, Span, Alert {

  /** Where the signal comes from. */
  Resource resource();

  /** Event time in epoch milliseconds. */
  long time();

  /** The signal type. */
  @JsonIgnore
  SignalType type();

  /** The entity this signal is keyed by on its canonical topic. */
  @JsonIgnore
  default EntityRef entity() {
    return resource().primary();
  }
}
