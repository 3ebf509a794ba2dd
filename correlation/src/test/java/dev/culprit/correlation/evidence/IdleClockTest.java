package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.correlation.scope.ScopedEvent;
import dev.culprit.model.MetricClass;
import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * Event time moves on by the wall clock once a task's input has been quiet for the idle advance:
 * the last window closes and its tick comes without a later record; replays (idle advance zero)
 * schedule nothing on the wall clock.
 */
class IdleClockTest {
  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final EvidenceConfig LIVE =
      EvidenceConfig.defaults().withIdleAdvance(Duration.ofSeconds(30));

  @Test
  void quietTimeCountsFromTheLastMoveOfStreamTime() {
    IdleClock clock = new IdleClock(Duration.ofSeconds(30));
    long t = 5 * MINUTE;

    assertThat(clock.idleTime(t, 1_000 * SECOND)).isEqualTo(Long.MIN_VALUE);
    assertThat(clock.idleTime(t, 1_029 * SECOND)).isEqualTo(Long.MIN_VALUE);
    assertThat(clock.idleTime(t, 1_030 * SECOND)).isEqualTo(t + 30 * SECOND);
    assertThat(clock.idleTime(t, 1_045 * SECOND)).isEqualTo(t + 45 * SECOND);
    assertThat(clock.idleTime(t + SECOND, 1_050 * SECOND)).isEqualTo(Long.MIN_VALUE);
    assertThat(clock.idleTime(t + SECOND, 1_079 * SECOND)).isEqualTo(Long.MIN_VALUE);
    assertThat(clock.idleTime(t + SECOND, 1_080 * SECOND)).isEqualTo(t + 31 * SECOND);
    assertThat(new IdleClock(Duration.ofSeconds(1)).idleTime(-1, 0)).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> new IdleClock(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLastWindowClosesOnceTheInputIsQuietLongEnough() {
    MockProcessorContext<String, EntityWindow> context = new MockProcessorContext<>();
    TestStores.add(context, EvidenceStage.WINDOWS_STORE, EntityWindowCodec.serde());
    TestStores.add(context, EvidenceStage.TEMPLATES_STORE, TemplateMiner.serde());
    WindowJoinProcessor join = new WindowJoinProcessor(LIVE);
    join.init(context);
    Punctuator wall = wallClock(context);
    Signal sample =
        new MetricSample(
            new Resource("cart", "cart-0", "node-1"),
            5 * MINUTE + SECOND,
            "cpu_usage",
            0.5,
            MetricClass.RESOURCE);
    join.process(new Record<>("instance:cart-0", sample, sample.time()));
    context.setCurrentStreamTimeMs(sample.time());

    wall.punctuate(0);
    wall.punctuate(60 * SECOND);
    assertThat(context.forwarded()).isEmpty();
    // the window ends at minute 6 and closes 10 s of grace later: 69 s after its last signal
    wall.punctuate(69 * SECOND);
    assertThat(context.forwarded())
        .extracting(f -> f.record().value().entityKey + "@" + f.record().value().start)
        .containsExactly("instance:cart-0@" + 5 * MINUTE);
  }

  @Test
  void aQuietScorerTicksForTheWindowsThatTheWallClockClosed() {
    MockProcessorContext<String, ScopedEvent> context = new MockProcessorContext<>();
    TestStores.add(context, EvidenceStage.BASELINES_STORE, Baseline.serde());
    AnomalyProcessor scorer = new AnomalyProcessor(LIVE);
    scorer.init(context);
    Punctuator wall = wallClock(context);
    context.setCurrentStreamTimeMs(5 * MINUTE + SECOND);

    wall.punctuate(0);
    wall.punctuate(29 * SECOND);
    wall.punctuate(130 * SECOND);
    // stream time 5:01 plus 130 s quiet is 7:11; less 10 s of grace, minute 7 has closed, so the
    // window before it, minute 6, is the latest known to be scored
    assertThat(context.forwarded())
        .extracting(f -> ((ScopedEvent.Tick) f.record().value()).time())
        .containsExactly(6 * MINUTE);
  }

  @Test
  void replaysScheduleNothingOnTheWallClock() {
    MockProcessorContext<String, ScopedEvent> context = new MockProcessorContext<>();
    TestStores.add(context, EvidenceStage.BASELINES_STORE, Baseline.serde());
    new AnomalyProcessor(EvidenceConfig.defaults()).init(context);

    assertThat(context.scheduledPunctuators())
        .extracting(MockProcessorContext.CapturedPunctuator::getType)
        .containsExactly(PunctuationType.STREAM_TIME);
  }

  private static Punctuator wallClock(MockProcessorContext<?, ?> context) {
    List<MockProcessorContext.CapturedPunctuator> wall =
        context.scheduledPunctuators().stream()
            .filter(p -> p.getType() == PunctuationType.WALL_CLOCK_TIME)
            .toList();
    assertThat(wall).hasSize(1);
    assertThat(wall.getFirst().getInterval()).isEqualTo(IdleClock.CHECK);
    return wall.getFirst().getPunctuator();
  }
}
