package dev.culprit.correlation;

import dev.culprit.model.Evidence;
import dev.culprit.model.Signal;
import dev.culprit.model.Trigger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** Event time from the record value (signal time, trigger time); record timestamp otherwise. */
public final class SignalTimestampExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object v = record.value();
    long t =
        switch (v) {
          case Signal s -> s.time();
          case Evidence e -> e.time();
          case Trigger tr -> tr.at();
          case null, default -> record.timestamp();
        };
    return t >= 0 ? t : Math.max(partitionTime, 0);
  }
}
