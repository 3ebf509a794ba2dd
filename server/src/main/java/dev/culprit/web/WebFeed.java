package dev.culprit.web;

import dev.culprit.kafka.KafkaClients;
import dev.culprit.model.GraphEdge;
import dev.culprit.model.Incident;
import dev.culprit.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link IncidentBoard} and a {@link GraphView} up to date from {@code culprit.incidents}
 * and {@code culprit.graph.checked}, read from the beginning on a thread of its own (a consumer
 * group of its own, committing nothing). A record that cannot be read is logged and skipped.
 */
public final class WebFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebFeed.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final IncidentBoard board;
  private final GraphView graph;
  private final Thread thread;
  private volatile boolean stopped;

  private WebFeed(KafkaClients clients, IncidentBoard board, GraphView graph) {
    Properties p = clients.properties();
    // the pipeline writes exactly once: show only what its transactions committed
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "culprit-web-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.board = board;
    this.graph = graph;
    this.thread = Thread.ofPlatform().daemon().name("culprit-web-feed").unstarted(this::loop);
  }

  /** Starts reading into {@code board} and {@code graph}. */
  public static WebFeed start(KafkaClients clients, IncidentBoard board, GraphView graph) {
    WebFeed feed = new WebFeed(clients, board, graph);
    feed.consumer.subscribe(List.of(Topics.INCIDENTS.name(), Topics.GRAPH_CHECKED.name()));
    feed.thread.start();
    return feed;
  }

  private void loop() {
    try {
      while (!stopped) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (!stopped) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("The web view stopped reading incidents", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void pollOnce() {
    try {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        take(r);
      }
    } catch (RecordDeserializationException e) {
      LOG.warn("Skipping an unreadable record at {} offset {}", e.topicPartition(), e.offset());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  private void take(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return;
    }
    try {
      if (r.topic().equals(Topics.INCIDENTS.name())) {
        Incident i = Topics.INCIDENTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
        if (i != null) {
          board.accept(i);
        }
      } else {
        GraphEdge e =
            Topics.GRAPH_CHECKED.valueSerde().deserializer().deserialize(r.topic(), r.value());
        if (e != null) {
          graph.accept(e);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Skipping an unreadable record of {} at offset {}: {}",
          r.topic(),
          r.offset(),
          e.toString());
    }
  }

  @Override
  public void close() {
    stopped = true;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
