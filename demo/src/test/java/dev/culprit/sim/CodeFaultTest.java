package dev.culprit.sim;

import static dev.culprit.sim.AllFaults.EXCEPTION;
import static dev.culprit.sim.AllFaults.RETURN;
import static dev.culprit.sim.AllFaults.before;
import static dev.culprit.sim.AllFaults.children;
import static dev.culprit.sim.AllFaults.isError;
import static dev.culprit.sim.AllFaults.serverSpans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.LogEvent;
import dev.culprit.model.Span;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Code faults: an exception that propagates to callers, and a silent early return. */
class CodeFaultTest {
  private static final SimRun RUN = AllFaults.run();

  @Test
  void exceptionWritesANewStackTraceTemplateAndFailsTheCallersSpans() {
    List<LogEvent> errors = RUN.logs(l -> isError(l) && AllFaults.during(EXCEPTION, l));
    List<LogEvent> own = errors.stream().filter(l -> on(l, "catalog-0")).toList();
    assertThat(own).hasSizeGreaterThan(20);
    assertThat(own)
        .allMatch(l -> l.body().matches("(?s).*(Exception: |Error: |panic: ).*"))
        .allMatch(l -> l.body().contains("CatalogHandler"))
        .allMatch(l -> l.traceId() != null && l.body().contains(l.traceId()));
    assertThat(own.stream().map(l -> l.body().replaceAll("[0-9a-f]{16,}|\\d", "")).distinct())
        .as("one exception, one line per operation (GetProduct, ListProducts)")
        .hasSizeBetween(1, 2);
    assertThat(RUN.logs(l -> l.time() < EXCEPTION.at() && l.body().contains("CatalogHandler")))
        .isEmpty();
    assertThat(errors).noneMatch(l -> on(l, "catalog-1"));

    List<Span> failedServer =
        serverSpans("catalog-0", EXCEPTION.at(), EXCEPTION.until()).stream()
            .filter(Span::error)
            .toList();
    assertThat(failedServer).hasSizeGreaterThan(20);
    Set<String> callers =
        RUN
            .spans(
                EXCEPTION.at(),
                EXCEPTION.until(),
                s ->
                    s.kind() == Span.SpanKind.CLIENT
                        && s.error()
                        && children(s).stream().anyMatch(c -> c.error() && on(c, "catalog-0")))
            .stream()
            .map(s -> s.resource().service())
            .collect(Collectors.toSet());
    assertThat(callers).contains("frontend", "recommendation");
    assertThat(errors)
        .anyMatch(l -> l.resource().service().equals("frontend") && l.body().contains("catalog/"));
  }

  @Test
  void earlyReturnDropsTheHandlersCallsAndCompletionLineWithoutAnyError() {
    double callingBefore = callingShare(before(RETURN), RETURN.at());
    double callingDuring = callingShare(RETURN.at(), RETURN.until());
    double linesBefore = completionLinesPerSpan(before(RETURN), RETURN.at());
    double linesDuring = completionLinesPerSpan(RETURN.at(), RETURN.until());
    assertThat(callingBefore).isEqualTo(1.0);
    assertThat(callingDuring).isLessThan(0.5);
    assertThat(linesBefore).isGreaterThan(0.99);
    assertThat(linesDuring).isLessThan(0.5);
    assertThat(RUN.spans(s -> s.error() && AllFaults.during(RETURN, s))).isEmpty();
    assertThat(RUN.logs(l -> isError(l) && AllFaults.during(RETURN, l))).isEmpty();
    assertThat(SimRun.medianMillis(serverSpans("frontend-0", RETURN.at(), RETURN.until())))
        .isLessThan(
            0.5 * SimRun.medianMillis(serverSpans("frontend-0", before(RETURN), RETURN.at())));
    assertThat(completionLinesPerSpanOf("frontend-1", RETURN.at(), RETURN.until()))
        .isGreaterThan(0.99);
  }

  /** Share of frontend-0's requests that made their downstream calls. */
  private static double callingShare(long from, long to) {
    List<Span> served = serverSpans("frontend-0", from, to);
    long calling = served.stream().filter(s -> !children(s).isEmpty()).count();
    return calling / (double) served.size();
  }

  private static double completionLinesPerSpan(long from, long to) {
    return completionLinesPerSpanOf("frontend-0", from, to);
  }

  /** Completion lines (INFO lines on the handler's own span, at its end) per SERVER span. */
  private static double completionLinesPerSpanOf(String pod, long from, long to) {
    List<Span> served = serverSpans(pod, from, to);
    Map<String, Span> byId =
        served.stream().collect(Collectors.toMap(SimRun::key, Function.identity()));
    long lines =
        RUN.logs(l -> on(l, pod) && "INFO".equals(l.severity()) && l.spanId() != null).stream()
            .filter(
                l -> {
                  Span s = byId.get(l.traceId() + "/" + l.spanId());
                  return s != null
                      && Math.abs(l.time() - s.time() - s.durationMicros() / 1000) <= 1;
                })
            .count();
    return lines / (double) served.size();
  }

  private static boolean on(dev.culprit.model.Signal s, String pod) {
    return pod.equals(s.resource().instance());
  }
}
