package dev.culprit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Incident;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

/**
 * End to end against a Kafka broker in a container (Testcontainers), reached through its port
 * published on 127.0.0.1: simulated signals with an injected fault are produced to the canonical
 * topics, the pipeline runs as a Kafka Streams application, and the ranked incident read back names
 * the faulty service. Skips where Docker or the Kafka image is missing ({@link KafkaContainers}).
 */
class PipelineOnKafkaContainerIT {

  @Test
  void aFaultInjectedIntoSimulatedSignalsComesBackAsAnIncidentRankingItsService() {
    CatalogFault fault = new CatalogFault();
    List<Incident> incidents;
    try (KafkaContainer kafka = KafkaContainers.startOrSkip()) {
      assertThat(kafka.getBootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
      incidents = fault.replay(kafka.getBootstrapServers());
    }
    fault.assertFoundIn(incidents);
  }
}
