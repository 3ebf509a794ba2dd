package dev.culprit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.format.Formats;
import dev.culprit.ingest.format.ParseResult;
import dev.culprit.model.Alert;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import org.junit.jupiter.api.Test;

/** What the bench writes to the raw topics reads back, through the normaliser's own formats. */
class RawRecordsTest {
  private static final Resource POD = new Resource("cart", "cart-0", "node-1");

  private static Signal readBack(Signal s) {
    RawRecord raw = RawRecords.encode(s);
    assertThat(raw.time()).isEqualTo(s.time());
    ParseResult parsed = Formats.forTopic(raw.topic()).parse(raw.payload(), null);
    assertThat(parsed).isInstanceOf(ParseResult.Parsed.class);
    assertThat(((ParseResult.Parsed) parsed).signals()).hasSize(1);
    return ((ParseResult.Parsed) parsed).signals().get(0);
  }

  @Test
  void spansMetricsAndLogsComeBackAsTheSignalsTheyWere() {
    Span span =
        new Span(
            POD,
            1_700_000_000_123L,
            "5b8efff798038103d269b633813fc60c",
            "eee19b7ec3c1b174",
            "0102030405060708",
            "GET /cart",
            2_500,
            Span.SpanKind.CLIENT,
            true,
            "redis");
    MetricSample metric = new MetricSample(POD, 1_700_000_000_000L, "cpu_usage", 0.25, null);
    LogEvent log =
        new LogEvent(
            POD,
            1_700_000_000_500L,
            "ERROR",
            "boom",
            "5b8efff798038103d269b633813fc60c",
            "eee19b7ec3c1b174");

    assertThat(readBack(span)).isEqualTo(span);
    assertThat(readBack(metric)).isEqualTo(metric);
    assertThat(readBack(log)).isEqualTo(log);
  }

  @Test
  void idsThatAreNotHexGetOneStableIdOfTheRightLength() {
    Span a = new Span(POD, 1_000, "trace-a", "span-1", null, "op", 10, null, false, null);
    Span b = new Span(POD, 2_000, "trace-a", "span-2", "span-1", "op", 10, null, false, null);

    Span backA = (Span) readBack(a);
    Span backB = (Span) readBack(b);

    assertThat(backA.traceId()).hasSize(32).isEqualTo(backB.traceId());
    assertThat(backA.spanId()).hasSize(16).isEqualTo(backB.parentSpanId());
    assertThat(backA.spanId()).isNotEqualTo(backB.spanId());
  }

  @Test
  void alertsHaveNoRawEncodingHere() {
    Alert alert = new Alert(POD, 1_000, 0, "fp", "down", null, null, null, null);

    assertThat(RawRecords.encode(alert)).isNull();
  }
}
