package dev.culprit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {
  private final TopicPartition p0 = new TopicPartition("culprit.incidents", 0);
  private final TopicPartition p1 = new TopicPartition("culprit.incidents", 1);

  @Test
  void commitsUpToTheOldestUnsettledOffsetOfEachPartition() {
    PendingOffsets pending = new PendingOffsets();
    Runnable a = pending.add(p0, 10);
    Runnable b = pending.add(p0, 11);
    Runnable c = pending.add(p0, 12);
    pending.add(p1, 3).run();

    b.run();
    assertThat(pending.committable())
        .containsEntry(p0, new OffsetAndMetadata(10))
        .containsEntry(p1, new OffsetAndMetadata(4));
    a.run();
    assertThat(pending.committable()).containsEntry(p0, new OffsetAndMetadata(12));
    c.run();
    assertThat(pending.committable()).containsEntry(p0, new OffsetAndMetadata(13));

    pending.drop(List.of(p1));
    assertThat(pending.committable()).containsOnlyKeys(p0);
  }
}
