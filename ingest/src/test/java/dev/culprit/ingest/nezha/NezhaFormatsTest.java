package dev.culprit.ingest.nezha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.ingest.dataset.CsvPart;
import dev.culprit.ingest.dataset.ReadStats;
import dev.culprit.ingest.dataset.RowFormat;
import dev.culprit.ingest.dataset.SignalCursor;
import dev.culprit.model.LogEvent;
import dev.culprit.model.MetricClass;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import dev.culprit.model.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NezhaFormatsTest {
  private static final String POD = "ts-contacts-service-866bd68c97-xcqfx";
  private static final Resource POD_RESOURCE = new Resource("ts-contacts-service", POD, null);

  @TempDir Path tmp;
  private final ReadStats stats = new ReadStats();
  private int files;

  @Test
  void metricRowsYieldOneSamplePerNumericColumnSkippingNanAndEmpty() throws IOException {
    String csv =
        """
        Time,TimeStamp,PodName,CpuUsage(m),PodLatencyP90(s),PodWorkload(Ops)
        2023-01-29 08:41:09.858 +0000 UTC,1674981669,%1$s,14.5,NaN,0.2
        2023-01-29 08:42:09.469 +0000 UTC,1674981729,%1$s,8.5,,oops
        2023-01-29 08:43:09.469 +0000 UTC,1674981789,%1$s,9
        2023-01-29 08:44:09.469 +0000 UTC,1674981849,%1$s,7.25,0.5,
        """
            .formatted(POD);

    assertThat(read(csv, new MetricFormat()))
        .containsExactly(
            new MetricSample(POD_RESOURCE, 1674981669000L, "CpuUsage(m)", 14.5, null),
            new MetricSample(POD_RESOURCE, 1674981669000L, "PodWorkload(Ops)", 0.2, null),
            new MetricSample(POD_RESOURCE, 1674981849000L, "CpuUsage(m)", 7.25, null),
            new MetricSample(POD_RESOURCE, 1674981849000L, "PodLatencyP90(s)", 0.5, null));
    assertThat(stats.skippedRows()).isEqualTo(2);
  }

  @Test
  void metricClassesAreInferredFromTheColumnNames() throws IOException {
    String csv =
        """
        Time,TimeStamp,ServiceName,SuccessRate(%),LatencyP50(s)
        2023-01-29 08:41:09,1674981669,Frontend,0,0.09
        """;

    assertThat(read(csv, new MetricFormat()))
        .map(s -> ((MetricSample) s).metricClass())
        .containsExactly(MetricClass.ERRORS, MetricClass.LATENCY);
    assertThat(read(csv, new MetricFormat()))
        .allSatisfy(s -> assertThat(s.resource()).isEqualTo(Resource.ofService("Frontend")));
  }

  @Test
  void traceRowsBecomeSpansWithRootParentsAsNull() throws IOException {
    String csv =
        """
        TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration
        t1,s1,root,ts-gateway-service-6f6cfc45b-h5m2n,/*,1674981768697000000,1674981769015316530,318316
        t1,s2,s1,%s,"GET /api/v1/contacts, all",1674981768697763387,1674981768699763387,
        t1,s3,s1,%1$s,op,not-a-number,1674981768699763387,5
        """
            .formatted(POD);

    assertThat(read(csv, new TraceFormat()))
        .containsExactly(
            new Span(
                new Resource("ts-gateway-service", "ts-gateway-service-6f6cfc45b-h5m2n", null),
                1674981768697L,
                "t1",
                "s1",
                null,
                "/*",
                318316,
                Span.SpanKind.UNSPECIFIED,
                false,
                null),
            new Span(
                POD_RESOURCE,
                1674981768697L,
                "t1",
                "s2",
                "s1",
                "GET /api/v1/contacts, all",
                2000,
                Span.SpanKind.UNSPECIFIED,
                false,
                null));
    assertThat(stats.skippedRows()).isEqualTo(1);
  }

  @Test
  void logRowsCarryTheParsedMessageSeverityNodeAndTheColumnsIds() throws IOException {
    String csv =
        """
        Timestamp,TimeUnixNano,Node,PodName,Container,TraceID,SpanID,Log
        2023-01-29T08:42:22.383150913Z,1674981742383150913,33.33.33.116,%1$s,server,t1,s1,\
        "{""log"":""16:42:22.382 ERROR  c.s.ContactsServiceImpl#37 [find][a, b]\\n"",""stream"":""stdout""}"
        2023-01-29T09:20:29.295,-6795364578871345152,33.33.33.167,%1$s,server,,,"plain
        second line"
        2023-01-29T09:20:30Z,1674984030000000000,33.33.33.167,%1$s,server,t2,s2,"{""log"":""x""}",extra
        """
            .formatted(POD);

    Resource onNode116 = new Resource("ts-contacts-service", POD, "33.33.33.116");
    Resource onNode167 = new Resource("ts-contacts-service", POD, "33.33.33.167");
    assertThat(read(csv, new LogFormat()))
        .containsExactly(
            new LogEvent(
                onNode116,
                1674981742383L,
                "ERROR",
                "c.s.ContactsServiceImpl#37 [find][a, b]",
                "t1",
                "s1"),
            new LogEvent(onNode167, 1674984029295L, null, "plain\nsecond line", null, null));
    assertThat(stats.skippedRows()).isEqualTo(1);
  }

  @Test
  void aFileWithoutTheRequiredColumnsYieldsNothingAndCountsItsRows() throws IOException {
    String csv = "TraceID,SpanID\nt1,s1\nt2,s2\n";

    assertThat(read(csv, new TraceFormat())).isEmpty();
    assertThat(stats.skippedRows()).isEqualTo(2);
  }

  @Test
  void unorderedFilesAreSortedByTime() throws IOException {
    String csv =
        """
        TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration
        t,b,root,%1$s,op,3000000,4000000,1
        t,a,root,%1$s,op,1000000,4000000,1
        t,c,root,%1$s,op,2000000,4000000,1
        """
            .formatted(POD);

    Path file = Files.writeString(tmp.resolve("t.csv"), csv);
    List<Signal> signals = drain(new CsvPart(file, 0, false, new TraceFormat()).open(stats));

    assertThat(signals).map(s -> ((Span) s).spanId()).containsExactly("a", "c", "b");
  }

  private List<Signal> read(String csv, RowFormat format) throws IOException {
    Path file = Files.writeString(tmp.resolve("f" + files++ + ".csv"), csv);
    return drain(new CsvPart(file, 0, true, format).open(stats));
  }

  private static List<Signal> drain(SignalCursor cursor) throws IOException {
    List<Signal> out = new ArrayList<>();
    try (cursor) {
      for (Signal s = cursor.next(); s != null; s = cursor.next()) {
        out.add(s);
      }
    }
    return out;
  }
}
