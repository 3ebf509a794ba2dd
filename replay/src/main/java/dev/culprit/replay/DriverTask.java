package dev.culprit.replay;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.internals.GlobalStateUpdateTask;
import org.apache.kafka.streams.processor.internals.StreamTask;

/**
 * The stream task and global state task that a {@link TopologyTestDriver} builds for a topology,
 * run by a loop of our own: records are processed in the same order as the driver's (each input
 * record, then everything it sends to internal and global topics, depth first), without the
 * driver's per-record overhead (a regex compiled for every source topic on every record, a commit
 * after every record, every produced record kept until read). Records produced to topics that are
 * not read back are handed to {@code outputs} at once and then dropped.
 *
 * <p>The driver keeps its task and producer in private fields; they are read reflectively, so this
 * class is tied to kafka-streams-test-utils' internals, and {@code DirectDriverTest} checks it
 * against the driver itself.
 */
final class DriverTask {
  private final StreamTask task;

  /** Null for a topology without global stores. */
  private final GlobalStateUpdateTask global;

  private final MockProducer<byte[], byte[]> producer;
  private final MockConsumer<byte[], byte[]> consumer;
  private final Map<String, TopicPartition> inputs;
  private final Map<String, TopicPartition> globalInputs;
  private final Map<TopicPartition, AtomicLong> offsets;
  private final Consumer<ProducerRecord<byte[], byte[]>> outputs;

  DriverTask(TopologyTestDriver driver, Consumer<ProducerRecord<byte[], byte[]>> outputs) {
    this.task = field(driver, "task");
    this.global = field(driver, "globalStateTask");
    this.producer = field(driver, "producer");
    this.consumer = field(driver, "consumer");
    this.inputs = field(driver, "partitionsByInputTopic");
    this.globalInputs = field(driver, "globalPartitionsByInputTopic");
    this.offsets = field(driver, "offsetsByTopicOrPatternPartition");
    this.outputs = outputs;
    if (task == null) {
      throw new IllegalArgumentException("The topology has no source topics");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T field(TopologyTestDriver driver, String name) {
    try {
      Field f = TopologyTestDriver.class.getDeclaredField(name);
      f.setAccessible(true);
      return (T) f.get(driver);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "This kafka-streams-test-utils has no TopologyTestDriver." + name, e);
    }
  }

  /** Pipes one record in and processes it and everything it causes. */
  void pipe(String topic, long timestamp, byte[] key, byte[] value) {
    pipe(topic, timestamp, key, value, null);
  }

  /** Feeds one record with its headers (may be null) to the topic's source and processes it. */
  void pipe(String topic, long timestamp, byte[] key, byte[] value, Headers headers) {
    TopicPartition tp = inputs.get(topic);
    TopicPartition g = globalInputs.get(topic);
    if (tp == null && g == null) {
      throw new IllegalArgumentException("Unknown topic: " + topic);
    }
    if (tp != null) {
      task.addRecords(tp, Collections.singleton(record(tp, timestamp, key, value, headers)));
      processQueued();
    }
    if (g != null) {
      global.update(record(g, timestamp, key, value, headers));
    }
  }

  private void processQueued() {
    route();
    task.resumePollingForPartitionsWithAvailableSpace();
    task.updateLags();
    while (task.hasRecordsQueued() && task.isProcessable(0)) {
      task.process(0);
      task.maybePunctuateStreamTime();
      route();
    }
  }

  private void route() {
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    producer.clear();
    for (ProducerRecord<byte[], byte[]> r : sent) {
      TopicPartition tp = inputs.get(r.topic());
      if (tp != null) {
        task.addRecords(tp, Collections.singleton(record(tp, r, r.headers())));
      }
      TopicPartition g = globalInputs.get(r.topic());
      if (g != null) {
        global.update(record(g, r, r.headers()));
      }
      outputs.accept(r);
    }
  }

  private ConsumerRecord<byte[], byte[]> record(
      TopicPartition tp, ProducerRecord<byte[], byte[]> r, Headers headers) {
    return record(tp, r.timestamp(), r.key(), r.value(), headers);
  }

  private ConsumerRecord<byte[], byte[]> record(
      TopicPartition tp, long timestamp, byte[] key, byte[] value, Headers headers) {
    long offset = offsets.get(tp).getAndIncrement();
    return new ConsumerRecord<>(
        tp.topic(),
        tp.partition(),
        offset,
        timestamp,
        TimestampType.CREATE_TIME,
        key == null ? -1 : key.length,
        value == null ? -1 : value.length,
        key,
        value,
        headers == null ? new RecordHeaders() : headers,
        Optional.empty());
  }

  /** Commits the task's offsets and flushes its stores and the global stores, if any. */
  void commit() {
    consumer.commitSync(task.prepareCommit(true));
    task.postCommit(true);
    if (global != null) {
      global.flushState();
    }
  }
}
