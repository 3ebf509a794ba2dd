package dev.culprit.kafka;

import dev.culprit.model.Incident;
import dev.culprit.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code culprit.incidents} from the beginning, committed records only (an exactly-once
 * pipeline's aborted writes are never shown), for the console of {@code run} and {@code demo}.
 */
public final class IncidentConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentConsumer.class);
  private final Consumer<String, Incident> consumer;

  public IncidentConsumer(String bootstrapServers, String groupId) {
    this(KafkaClients.of(bootstrapServers), groupId);
  }

  /** A consumer on the cluster {@code clients} names, with its client settings. */
  public IncidentConsumer(KafkaClients clients, String groupId) {
    Properties p = clients.properties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer =
        new KafkaConsumer<>(
            p,
            Topics.INCIDENTS.keySerde().deserializer(),
            Topics.INCIDENTS.valueSerde().deserializer());
    consumer.subscribe(List.of(Topics.INCIDENTS.name()));
  }

  /** The incidents that arrive within {@code timeout} (returns as soon as some are there). */
  public List<Incident> poll(Duration timeout) {
    List<Incident> out = new ArrayList<>();
    try {
      for (ConsumerRecord<String, Incident> r : consumer.poll(timeout)) {
        if (r.value() != null) {
          out.add(r.value());
        }
      }
    } catch (RecordDeserializationException e) {
      LOG.warn("Skipping unreadable incident at {} offset {}", e.topicPartition(), e.offset(), e);
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
    return out;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
