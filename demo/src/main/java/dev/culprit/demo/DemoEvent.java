package dev.culprit.demo;

import dev.culprit.model.Incident;
import dev.culprit.sim.InjectedFault;
import java.util.Objects;

/** What a demo reports while it runs: faults as they are injected, incidents as they arrive. */
public sealed interface DemoEvent {

  /** The simulator started injecting {@code fault}. */
  record FaultEvent(InjectedFault fault) implements DemoEvent {
    public FaultEvent {
      Objects.requireNonNull(fault, "fault");
    }
  }

  /** The pipeline wrote {@code incident} (a new incident or a new version of one). */
  record IncidentEvent(Incident incident) implements DemoEvent {
    public IncidentEvent {
      Objects.requireNonNull(incident, "incident");
    }
  }
}
