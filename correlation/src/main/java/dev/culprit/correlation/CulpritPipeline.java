package dev.culprit.correlation;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Composes the pipeline stages into one Kafka Streams topology. Reads the canonical signal topics
 * and {@code culprit.triggers}; writes {@code culprit.graph}, {@code culprit.evidence} and {@code
 * culprit.incidents}.
 */
public final class CulpritPipeline {
  private CulpritPipeline() {}

  /** Builds the topology. */
  public static Topology build(PipelineConfig config) {
    StreamsBuilder builder = new StreamsBuilder();
    // Stages are added here (work in progress in this session).
    return builder.build();
  }

  /** Streams properties for running the pipeline against {@code bootstrapServers}. */
  public static Properties streamsProperties(
      String applicationId, String bootstrapServers, Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return p;
  }
}
