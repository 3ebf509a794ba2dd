package dev.culprit.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTest {
  @TempDir Path state;

  @Test
  void unreadableCanonicalRecordsLandInTheDeadLetterTopicWithTheirBytesAndCause() {
    Properties p = CulpritPipeline.streamsProperties("dlq-test", "dummy:1", state);
    try (TopologyTestDriver d =
        new TopologyTestDriver(CulpritPipeline.build(PipelineConfig.defaults()), p)) {
      var in =
          d.createInputTopic(
              Topics.METRICS.name(), new ByteArraySerializer(), new ByteArraySerializer());
      byte[] garbage = "{\"resource\": 42, truncated".getBytes(StandardCharsets.UTF_8);
      in.pipeInput("service:cart".getBytes(StandardCharsets.UTF_8), garbage);
      in.pipeInput("service:cart".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1, 2});
      List<TestRecord<byte[], byte[]>> dlq =
          d.createOutputTopic(
                  Topics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecordsToList();
      assertThat(dlq).hasSize(2);
      assertThat(dlq.get(0).value()).isEqualTo(garbage);
      Map<String, String> headers = new HashMap<>();
      for (Header h : dlq.get(0).headers()) {
        headers.put(
            h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
      }
      assertThat(headers.values()).anyMatch(v -> v.contains(Topics.METRICS.name()));
      assertThat(headers.values()).anyMatch(v -> v.contains("SerializationException"));
      assertThat(headers.keySet()).anyMatch(k -> k.contains("offset"));
      assertThat(headers.keySet()).anyMatch(k -> k.contains("partition"));
    }
  }
}
