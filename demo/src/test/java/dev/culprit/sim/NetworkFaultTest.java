package dev.culprit.sim;

import static dev.culprit.sim.AllFaults.DELAY;
import static dev.culprit.sim.AllFaults.LOSS;
import static dev.culprit.sim.AllFaults.before;
import static dev.culprit.sim.AllFaults.callsInto;
import static dev.culprit.sim.AllFaults.children;
import static dev.culprit.sim.AllFaults.serverSpans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Network delay and packet loss on a pod show as they do under tc netem. */
class NetworkFaultTest {
  private static final SimRun RUN = AllFaults.run();

  @Test
  void delayedPodSlowsItsCallersClientSpansButNotItsOwnServerSpans() {
    double delayMs =
        AllFaults.effects().pod(AllFaults.pod("currency-0"), DELAY.at()).egressDelayMs();
    double clientBefore = SimRun.medianMillis(callsInto("currency-0", before(DELAY), DELAY.at()));
    double clientDuring = SimRun.medianMillis(callsInto("currency-0", DELAY.at(), DELAY.until()));
    double serverBefore = SimRun.medianMillis(serverSpans("currency-0", before(DELAY), DELAY.at()));
    double serverDuring = SimRun.medianMillis(serverSpans("currency-0", DELAY.at(), DELAY.until()));

    assertThat(delayMs).isGreaterThanOrEqualTo(150);
    assertThat(clientDuring - clientBefore).isGreaterThanOrEqualTo(0.9 * delayMs);
    assertThat(serverDuring).isBetween(0.9 * serverBefore, 1.1 * serverBefore);
    assertThat(callsInto("currency-1", DELAY.at(), DELAY.until()))
        .extracting(Span::durationMicros)
        .allMatch(d -> d < 100_000);
    assertThat(RUN.during(DELAY, "currency-0", MetricEmitter.CONTAINER_CPU))
        .isBetween(
            0.8 * RUN.before(DELAY, "currency-0", MetricEmitter.CONTAINER_CPU),
            1.2 * RUN.before(DELAY, "currency-0", MetricEmitter.CONTAINER_CPU));
    assertThat(RUN.during(DELAY, "checkout-0", MetricEmitter.HTTP_DURATION_P90))
        .isGreaterThan(1.5 * RUN.before(DELAY, "checkout-0", MetricEmitter.HTTP_DURATION_P90));
    assertThat(RUN.spans(s -> s.error() && AllFaults.during(DELAY, s))).isEmpty();
  }

  @Test
  void lossAddsRetransmissionTimeoutsToCallsInAndOutAndTimesAFewOut() {
    List<Span> in = callsInto("cart-0", LOSS.at(), LOSS.until());
    List<Span> out =
        RUN.spans(
            LOSS.at(),
            LOSS.until(),
            s -> s.kind() == Span.SpanKind.CLIENT && "cart-0".equals(s.resource().instance()));
    long slowIn = in.stream().filter(s -> s.durationMicros() >= 200_000).count();
    long slowOut = out.stream().filter(s -> s.durationMicros() >= 200_000).count();
    List<Span> timedOut =
        RUN.spans(
            LOSS.at(),
            LOSS.until(),
            s ->
                s.kind() == Span.SpanKind.CLIENT
                    && "cart".equals(s.peer())
                    && s.error()
                    && s.durationMicros() == 1_000_000);

    assertThat(slowIn).isGreaterThan(in.size() / 20);
    assertThat(slowOut).isGreaterThan(out.size() / 20);
    assertThat(callsInto("cart-0", before(LOSS), LOSS.at()))
        .allMatch(s -> s.durationMicros() < 100_000);
    assertThat(timedOut).isNotEmpty().hasSizeLessThan(in.size() / 5);
    assertThat(timedOut).anyMatch(s -> children(s).isEmpty());
    assertThat(RUN.logs(l -> AllFaults.during(LOSS, l) && l.body().contains("retrying")))
        .isNotEmpty();
    assertThat(RUN.during(LOSS, "cart-0", MetricEmitter.CONTAINER_RETRANSMITS))
        .isGreaterThan(20 * RUN.before(LOSS, "cart-0", MetricEmitter.CONTAINER_RETRANSMITS));
    assertThat(RUN.during(LOSS, "cart-1", MetricEmitter.CONTAINER_RETRANSMITS))
        .isLessThan(2 * RUN.before(LOSS, "cart-1", MetricEmitter.CONTAINER_RETRANSMITS));
  }
}
