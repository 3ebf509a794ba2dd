package dev.culprit.sim;

import static dev.culprit.sim.AllFaults.FIRST;
import static dev.culprit.sim.AllFaults.isError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warm-up is fault-free history, and no fault shows before it starts. */
class QuietHistoryTest {
  private static final SimRun RUN = AllFaults.run();

  @Test
  void nothingFaultyHappensBeforeTheFirstFault() {
    assertThat(RUN.logs(l -> isError(l) && l.time() < FIRST)).isEmpty();
    assertThat(RUN.spans(s -> s.error() && s.time() < FIRST)).isEmpty();
    assertThat(RUN.logs(l -> l.time() < FIRST && l.body().contains("retrying"))).isEmpty();
    assertThat(RUN.logs(l -> l.time() < FIRST && l.resource().instance() == null)).isEmpty();
    assertThat(RUN.metric("ad-0", MetricEmitter.CONTAINER_RESTARTS, 0, FIRST)).containsOnly(0.0);
  }

  @Test
  void noFaultShowsBeforeItsStart() {
    for (InjectedFault f : AllFaults.FAULTS) {
      String e = f.entity().name();
      String m =
          switch (f.faultKind()) {
            case CPU, MEMORY -> MetricEmitter.CONTAINER_CPU;
            case CPU_CONTENTION, NODE_CPU -> MetricEmitter.NODE_CPU_UTILISATION;
            case DELAY, RETURN, EXCEPTION -> MetricEmitter.HTTP_DURATION_P90;
            case LOSS -> MetricEmitter.CONTAINER_RETRANSMITS;
            case DISK -> MetricEmitter.NODE_DISK_IO;
            case NODE_MEMORY -> MetricEmitter.NODE_MEMORY_UTILISATION;
          };
      if (f.faultKind() == FaultKind.CPU_CONTENTION) {
        e = AllFaults.pod(e).node();
      }
      double baseline = SimRun.median(RUN.metric(e, m, f.at() - 300_000, f.at() - 60_000));
      double lastMinute = SimRun.median(RUN.metric(e, m, f.at() - 60_000, f.at()));
      assertThat(lastMinute).as("%s %s", f.id(), m).isLessThan(1.5 * baseline + 0.01);
      String entity = f.entity().name();
      assertThat(
              RUN.logs(
                  l ->
                      isError(l)
                          && l.time() >= AllFaults.before(f)
                          && l.time() < f.at()
                          && entity.equals(l.resource().instance())))
          .as(f.id())
          .isEmpty();
    }
  }
}
