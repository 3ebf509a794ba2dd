package dev.culprit.correlation.rank;

/**
 * How often alerts fired in the history before an incident, per entity and alert: what lets a
 * ranker tell an alert that fires all the time (noise) from one this entity rarely raises.
 */
public interface AlertHistory {
  /** The entity key that stands for any entity of the scope. */
  String ANY_ENTITY = "*";

  /**
   * Minutes of the history in which {@code feature} fired on the entity with key {@code entity}, or
   * on any entity for {@link #ANY_ENTITY}.
   */
  int minutesFiring(String entity, String feature);

  /** No history: every alert is as novel as any other. */
  static AlertHistory none() {
    return None.INSTANCE;
  }

  /** The empty history. */
  enum None implements AlertHistory {
    INSTANCE;

    @Override
    public int minutesFiring(String entity, String feature) {
      return 0;
    }
  }
}
