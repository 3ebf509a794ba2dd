package dev.culprit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Json;
import dev.culprit.model.LogEvent;
import dev.culprit.model.Span;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Spans nest as OpenTelemetry reports RPCs; each service logs raw lines in one shape of its own.
 */
class ShapeTest {
  private static final SimRun RUN = AllFaults.run();

  @Test
  void everyTracedCallIsAClientSpanAtTheCallerWithTheCalleesServerSpanInside() {
    List<Span> spans = RUN.spans(AllFaults.OPTIONS.start(), AllFaults.FIRST, s -> true);
    Map<String, Span> byId =
        spans.stream().collect(Collectors.toMap(SimRun::key, Function.identity()));
    List<Span> servers = spans.stream().filter(AllFaults::isServer).toList();
    assertThat(servers).hasSizeGreaterThan(10_000);
    for (Span server : servers) {
      if (server.parentSpanId() == null) {
        assertThat(server.resource().service()).isEqualTo(Blueprint.ENTRY);
        continue;
      }
      Span client = byId.get(server.traceId() + "/" + server.parentSpanId());
      assertThat(client.kind()).isEqualTo(Span.SpanKind.CLIENT);
      assertThat(client.peer()).isEqualTo(server.resource().service());
      assertThat(client.resource().service()).isNotEqualTo(server.resource().service());
      assertThat(client.durationMicros()).isGreaterThan(server.durationMicros());
      assertThat(server.time()).isGreaterThanOrEqualTo(client.time());
    }
    List<Span> toCache = spans.stream().filter(s -> "redis-cart".equals(s.peer())).toList();
    assertThat(toCache).isNotEmpty().allMatch(s -> s.kind() == Span.SpanKind.CLIENT);
    assertThat(toCache).allMatch(s -> AllFaults.children(s).isEmpty());
    assertThat(spans).noneMatch(s -> "redis-cart".equals(s.resource().service()));
  }

  @Test
  void eachServiceLogsInOneShapeWithTheTraceItServes() throws Exception {
    List<LogEvent> logs = RUN.logs(l -> l.time() < AllFaults.FIRST && l.traceId() != null);
    Map<String, Set<String>> shapes =
        logs.stream()
            .collect(
                Collectors.groupingBy(
                    l -> l.resource().service(),
                    Collectors.mapping(ShapeTest::shapeOf, Collectors.toSet())));
    assertThat(shapes.values()).allMatch(s -> s.size() == 1);
    assertThat(shapes.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("json", "logfmt", "plain");
    assertThat(logs).allMatch(l -> l.body().contains(l.traceId()) && l.body().contains(l.spanId()));
    for (LogEvent l : logs.stream().filter(l -> shapeOf(l).equals("json")).limit(200).toList()) {
      JsonNode n = Json.mapper().readTree(l.body());
      assertThat(n.get("trace_id").asText()).isEqualTo(l.traceId());
      assertThat(n.get("level").asText().toUpperCase(java.util.Locale.ROOT))
          .isEqualTo(l.severity());
    }
    assertThat(RUN.logs(l -> l.traceId() == null && l.resource().instance() == null))
        .allMatch(
            l -> l.body().matches("[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d node-\\d .*"));
  }

  private static String shapeOf(LogEvent l) {
    if (l.body().startsWith("{\"ts\":")) {
      return "json";
    }
    if (l.body().startsWith("ts=") && l.body().contains(" trace_id=")) {
      return "logfmt";
    }
    if (l.body()
        .matches(
            "(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ +\\[.*TraceID: .*")) {
      return "plain";
    }
    return "other: " + l.body();
  }
}
