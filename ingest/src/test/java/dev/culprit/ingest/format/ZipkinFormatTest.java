package dev.culprit.ingest.format;

import static dev.culprit.ingest.format.AlertmanagerFormatTest.parsed;
import static dev.culprit.ingest.format.AlertmanagerFormatTest.rejection;
import static dev.culprit.ingest.format.AlertmanagerFormatTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Resource;
import dev.culprit.model.Span;
import org.junit.jupiter.api.Test;

class ZipkinFormatTest {
  static final String SPANS =
      """
      [{"traceId":"5AF7183FB1D4CF5F","id":"6B221D5BC9E6496C","name":"get /api/cart",
        "kind":"SERVER","timestamp":1714557600123456,"duration":2500,
        "localEndpoint":{"serviceName":"frontend","ipv4":"10.0.0.5","port":8080},
        "remoteEndpoint":{"ipv4":"10.0.0.9"},
        "tags":{"http.method":"GET","http.status_code":"500","k8s.pod.name":"frontend-abc",
                "k8s.node.name":"node-1"}},
       {"traceId":"5af7183fb1d4cf5f","parentId":"6b221d5bc9e6496c","id":"352bff9a74ca9ad2",
        "name":"get","kind":"CLIENT","timestamp":1714557600124000,"duration":1800,
        "localEndpoint":{"serviceName":"frontend","ipv4":"10.0.0.5","port":8080},
        "remoteEndpoint":{"serviceName":"cartservice","ipv4":"10.0.0.7","port":7070},
        "tags":{"error":"connection refused"}},
       {"traceId":"5af7183fb1d4cf5f","parentId":"352bff9a74ca9ad2","id":"0000000000000042",
        "name":"getcart","kind":"SERVER","timestamp":1714557600124500,"duration":900,
        "localEndpoint":{"serviceName":"cartservice","ipv4":"10.0.0.7","port":7070}},
       {"traceId":"5af7183fb1d4cf5f","id":"0000000000000043","name":"cache-lookup",
        "timestamp":1714557600124600,"localEndpoint":{"serviceName":"cartservice"},
        "tags":{"http.status_code":"404"}}]
      """;

  final ZipkinFormat format = new ZipkinFormat();

  @Test
  void mapsClientAndServerSpansWithErrors() {
    assertThat(parsed(format.parse(utf8(SPANS), "application/json")))
        .containsExactly(
            new Span(
                new Resource("frontend", "frontend-abc", "node-1"),
                1714557600123L,
                "5af7183fb1d4cf5f",
                "6b221d5bc9e6496c",
                null,
                "get /api/cart",
                2500,
                Span.SpanKind.SERVER,
                true,
                null),
            new Span(
                new Resource("frontend", "10.0.0.5:8080", null),
                1714557600124L,
                "5af7183fb1d4cf5f",
                "352bff9a74ca9ad2",
                "6b221d5bc9e6496c",
                "get",
                1800,
                Span.SpanKind.CLIENT,
                true,
                "cartservice"),
            new Span(
                new Resource("cartservice", "10.0.0.7:7070", null),
                1714557600124L,
                "5af7183fb1d4cf5f",
                "0000000000000042",
                "352bff9a74ca9ad2",
                "getcart",
                900,
                Span.SpanKind.SERVER,
                false,
                null),
            new Span(
                Resource.ofService("cartservice"),
                1714557600124L,
                "5af7183fb1d4cf5f",
                "0000000000000043",
                null,
                "cache-lookup",
                0,
                Span.SpanKind.INTERNAL,
                false,
                null));
  }

  @Test
  void emptyArrayIsAnEmptyBatch() {
    assertThat(parsed(format.parse(utf8(" [ ] "), null))).isEmpty();
  }

  @Test
  void rejectsBadSpans() {
    assertThat(rejection(format.parse(utf8("{}"), null)))
        .isEqualTo("Zipkin payload is not an array");
    assertThat(rejection(format.parse(utf8("[{\"traceId\":\"xyz\",\"id\":\"1\"}]"), null)))
        .isEqualTo("span[0].traceId is not a hex id");
    assertThat(rejection(format.parse(utf8("[{\"traceId\":\"a\",\"id\":\"1\"}]"), null)))
        .isEqualTo("span[0] has no timestamp");
    assertThat(
            rejection(
                format.parse(utf8("[{\"traceId\":\"a\",\"id\":\"1\",\"timestamp\":1e400}]"), null)))
        .isEqualTo("span[0].timestamp is not a non-negative integer");
    assertThat(
            rejection(
                format.parse(
                    utf8(
                        "[{\"traceId\":\"a\",\"id\":\"1\",\"timestamp\":99999999999999999999999}]"),
                    null)))
        .isEqualTo("span[0].timestamp is not a non-negative integer");
    assertThat(rejection(format.parse(utf8("[]"), "application/x-protobuf")))
        .isEqualTo("unsupported content type application/x-protobuf for Zipkin");
  }
}
