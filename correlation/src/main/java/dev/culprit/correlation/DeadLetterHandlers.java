package dev.culprit.correlation;

import dev.culprit.model.DeadLetter;
import dev.culprit.model.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams exception handlers that send what cannot be read, processed or written to {@code
 * culprit.dlq} ({@link DeadLetter}: original key, value and headers; where it was read or was to be
 * written; the exception as reason) and let processing go on. A record read by a global store
 * cannot be dead-lettered from the global thread (Kafka Streams has no producer there); it is
 * logged and skipped, which is why Culprit's global store reads raw bytes and checks them itself. A
 * dead letter that cannot be written is logged, not dead-lettered again.
 */
public final class DeadLetterHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

  private DeadLetterHandlers() {}

  /** Unreadable records: a dead letter with the record's bytes, and on with the next record. */
  public static final class Deserialization implements DeserializationExceptionHandler {
    @Override
    public Response handleError(
        ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
      LOG.warn(
          "Unreadable record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          reason(exception));
      if (global(context)) {
        return Response.resume();
      }
      return Response.resume(
          List.of(
              DeadLetter.record(
                  record.key(),
                  record.value(),
                  record.headers(),
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  "cannot read: " + reason(exception),
                  record.timestamp(),
                  System.currentTimeMillis())));
    }

    @Override
    public void configure(Map<String, ?> configs) {}
  }

  /** Records a processor fails on: a dead letter with the input record's original bytes. */
  public static final class Processing implements ProcessingExceptionHandler {
    @Override
    public Response handleError(
        ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
      LOG.warn(
          "Processor {} failed on a record of {}-{}@{}",
          context.processorNodeId(),
          context.topic(),
          context.partition(),
          context.offset(),
          exception);
      if (global(context)) {
        return Response.resume();
      }
      return Response.resume(
          List.of(
              DeadLetter.record(
                  context.sourceRawKey(),
                  context.sourceRawValue(),
                  context.headers(),
                  context.topic(),
                  context.partition(),
                  context.offset(),
                  "cannot process in " + context.processorNodeId() + ": " + reason(exception),
                  context.timestamp(),
                  System.currentTimeMillis())));
    }

    @Override
    public void configure(Map<String, ?> configs) {}
  }

  /**
   * Records that cannot be written (too large, a timestamp the topic refuses, a serializer
   * failure): a dead letter naming the topic it was for. Retriable errors are retried.
   */
  public static final class Production implements ProductionExceptionHandler {
    @Override
    public Response handleError(
        ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
      if (exception instanceof RetriableException) {
        return Response.retry();
      }
      LOG.warn("Cannot write a record to {}: {}", record.topic(), reason(exception));
      if (record.topic().equals(Topics.DLQ.name())) {
        return Response.resume();
      }
      return Response.resume(
          List.of(
              DeadLetter.record(
                  record.key(),
                  record.value(),
                  record.headers(),
                  record.topic(),
                  record.partition() == null ? -1 : record.partition(),
                  -1,
                  "cannot write to " + record.topic() + ": " + reason(exception),
                  record.timestamp() == null ? -1 : record.timestamp(),
                  System.currentTimeMillis())));
    }

    @Override
    public Response handleSerializationError(
        ErrorHandlerContext context,
        ProducerRecord record,
        Exception exception,
        SerializationExceptionOrigin origin) {
      LOG.warn("Cannot serialize a record for {}: {}", record.topic(), reason(exception));
      return Response.resume(
          List.of(
              DeadLetter.record(
                  context.sourceRawKey(),
                  context.sourceRawValue(),
                  context.headers(),
                  record.topic(),
                  -1,
                  -1,
                  "cannot serialize "
                      + origin
                      + " for "
                      + record.topic()
                      + ": "
                      + reason(exception),
                  context.timestamp(),
                  System.currentTimeMillis())));
    }

    @Override
    public void configure(Map<String, ?> configs) {}
  }

  private static boolean global(ErrorHandlerContext context) {
    return context.taskId() != null && context.taskId().subtopology() < 0;
  }

  /** The exception and its causes, one line. */
  static String reason(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null && s.length() < DeadLetter.MAX_REASON_CHARS; t = t.getCause()) {
      if (!s.isEmpty()) {
        s.append(" <- ");
      }
      s.append(t.getClass().getName());
      if (t.getMessage() != null) {
        s.append(": ").append(t.getMessage().replace('\n', ' '));
      }
    }
    return DeadLetter.clip(s.toString());
  }
}
