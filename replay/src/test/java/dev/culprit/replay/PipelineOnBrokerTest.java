package dev.culprit.replay;

import dev.culprit.kafka.EmbeddedKafkaBroker;
import dev.culprit.model.Incident;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end on a real (in-JVM) Kafka broker: simulated signals are produced to the canonical
 * topics, the pipeline runs as a Kafka Streams application, and ranked incidents are read back.
 */
class PipelineOnBrokerTest {

  @Test
  void producedSignalsComeBackAsARankedIncidentNamingTheFaultyService() {
    CatalogFault fault = new CatalogFault();
    List<Incident> incidents;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      incidents = fault.replay(broker.bootstrapServers());
    }
    fault.assertFoundIn(incidents);
  }
}
