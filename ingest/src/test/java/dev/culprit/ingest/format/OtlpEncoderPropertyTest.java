package dev.culprit.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.Alert;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OtlpEncoderPropertyTest {
  private static final long FROM = 1_600_000_000_000L;
  private static final long UNTIL = 2_000_000_000_000L;

  @Property(tries = 200)
  void metricsReadBackAsWritten(@ForAll("metrics") List<MetricSample> samples) {
    assertRoundTrip(samples);
  }

  @Property(tries = 200)
  void spansReadBackAsWritten(@ForAll("spans") List<Span> spans) {
    assertRoundTrip(spans);
  }

  @Property(tries = 200)
  void logsReadBackAsWritten(@ForAll("logs") List<LogEvent> logs) {
    assertRoundTrip(logs);
  }

  @Test
  void refusesWhatOtlpCannotCarry() {
    Resource r = Resource.ofService("a");
    assertThatThrownBy(() -> OtlpEncoder.encode(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                OtlpEncoder.encode(
                    List.of(new Alert(r, FROM, 0, "f", "down", null, null, null, null))))
        .hasMessageContaining("alerts have no OTLP form");
    assertThatThrownBy(
            () ->
                OtlpEncoder.encode(
                    List.of(
                        new MetricSample(r, FROM, "cpu", 1, null),
                        new LogEvent(r, FROM, "INFO", "x", null, null))))
        .hasMessageContaining("more than one type");
  }

  private static void assertRoundTrip(List<? extends Signal> signals) {
    OtlpEncoder.Encoded e = OtlpEncoder.encode(signals);
    ParseResult parsed = Formats.forTopic(e.topic()).parse(e.payload(), null);
    assertThat(parsed).isInstanceOf(ParseResult.Parsed.class);
    assertThat(((ParseResult.Parsed) parsed).signals()).containsExactlyElementsOf(signals);
  }

  private static Arbitrary<Resource> resources() {
    Arbitrary<String> names = Arbitraries.of("cart", "cart-1", "node-2", "checkout-7d9f-x2k");
    return Combinators.combine(names.injectNull(0.3), names.injectNull(0.3), names.injectNull(0.3))
        .filter((s, i, n) -> s != null || i != null || n != null)
        .as(Resource::new);
  }

  private static Arbitrary<Long> times() {
    return Arbitraries.longs().between(FROM, UNTIL);
  }

  private static Arbitrary<String> hex(int bytes) {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(bytes * 2);
  }

  @Provide
  Arbitrary<List<MetricSample>> metrics() {
    Arbitrary<Double> values =
        Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(0.0, -1.5, 1e300));
    return Combinators.combine(
            resources(), times(), Arbitraries.of("cpu_usage", "latency_p99", "x.y"), values)
        .as((r, t, n, v) -> new MetricSample(r, t, n, v, null))
        .list()
        .ofMinSize(1)
        .ofMaxSize(20);
  }

  @Provide
  Arbitrary<List<Span>> spans() {
    return Combinators.combine(
            resources(),
            times(),
            hex(16),
            hex(8),
            hex(8).injectNull(0.4),
            Arbitraries.strings().ofMaxLength(20),
            Arbitraries.longs().between(0, 10_000_000_000L),
            Arbitraries.of(Span.SpanKind.class))
        .as(
            (r, t, trace, span, parent, op, micros, kind) ->
                new Span(
                    r, t, trace, span, parent, op, micros, kind, micros % 3 == 0, peer(micros)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(20);
  }

  private static String peer(long micros) {
    return micros % 2 == 0 ? null : "db";
  }

  @Provide
  Arbitrary<List<LogEvent>> logs() {
    return Combinators.combine(
            resources(),
            times(),
            Arbitraries.of("INFO", "WARN", "ERROR").injectNull(0.2),
            Arbitraries.strings().ofMaxLength(40),
            hex(16).injectNull(0.5),
            hex(8).injectNull(0.5))
        .as(LogEvent::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(20);
  }
}
