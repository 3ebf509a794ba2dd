package dev.culprit.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.MetricSample;
import dev.culprit.model.Resource;
import dev.culprit.model.Signal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class MergedSignalSourceTest {
  private final List<String> opened = new ArrayList<>();

  @Test
  void mergesPartsInTimeOrderWithTiesToTheEarlierPart() throws IOException {
    var a = part("a", 0, sample("a", 1), sample("a", 5), sample("a", 9));
    var b = part("b", 0, sample("b", 2), sample("b", 5), sample("b", 7));

    try (var source = new MergedSignalSource(List.of(a, b))) {
      assertThat(drain(source)).containsExactly("a@1", "b@2", "a@5", "b@5", "b@7", "a@9");
      assertThat(source.bytesRead()).isEqualTo(source.totalBytes()).isEqualTo(60);
    }
  }

  @Test
  void opensAPartOnlyWhenTheMergeReachesItsNotBeforeTime() throws IOException {
    var early = part("early", 0, sample("early", 10), sample("early", 20), sample("early", 30));
    var late = part("late", 15, sample("late", 16), sample("late", 25));

    try (var source = new MergedSignalSource(List.of(late, early))) {
      assertThat(source.next().time()).isEqualTo(10);
      assertThat(opened).containsExactly("early");
      assertThat(source.next().time()).isEqualTo(16);
      assertThat(opened).containsExactly("early", "late");
      assertThat(drain(source)).containsExactly("early@20", "late@25", "early@30");
    }
  }

  @Test
  void dropsSignalsOlderThanTheWatermarkAndCountsThem() throws IOException {
    var main = part("main", 0, sample("main", 10), sample("main", 20));
    var liar = part("liar", 15, sample("liar", 5), sample("liar", 21));

    try (var source = new MergedSignalSource(List.of(main, liar))) {
      assertThat(drain(source)).containsExactly("main@10", "main@20", "liar@21");
      assertThat(source.lateSignals()).isEqualTo(1);
    }
  }

  @Test
  void dropsCopiesOfASignalEmittedAtTheSameTimeByAnotherPart() throws IOException {
    var first = part("x", 0, sample("x", 1), sample("x", 2), sample("x", 2));
    var overlap = part("x", 0, sample("x", 2), sample("x", 3));

    try (var source = new MergedSignalSource(List.of(first, overlap))) {
      assertThat(drain(source)).containsExactly("x@1", "x@2", "x@2", "x@3");
      assertThat(source.duplicateSignals()).isEqualTo(1);
    }
  }

  @Test
  void signalsTheEndLikeAnIterator() throws IOException {
    try (var source = new MergedSignalSource(List.of())) {
      assertThat(source.hasNext()).isFalse();
      assertThat(source.totalBytes()).isZero();
      assertThatThrownBy(source::next).isInstanceOf(NoSuchElementException.class);
    }
  }

  private static MetricSample sample(String pod, long time) {
    return new MetricSample(new Resource("svc", pod, null), time, "cpu", 1.0, null);
  }

  private static List<String> drain(MergedSignalSource source) {
    List<String> out = new ArrayList<>();
    while (source.hasNext()) {
      Signal s = source.next();
      out.add(s.resource().instance() + "@" + s.time());
    }
    return out;
  }

  /** A part of 10 bytes per signal that records when it is opened. */
  private SourcePart part(String name, long notBefore, Signal... signals) {
    return new SourcePart() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long notBefore() {
        return notBefore;
      }

      @Override
      public long bytes() {
        return 10L * signals.length;
      }

      @Override
      public SignalCursor open(ReadStats stats) {
        opened.add(name);
        Iterator<Signal> it = List.of(signals).iterator();
        return new SignalCursor() {
          @Override
          public Signal next() {
            if (!it.hasNext()) {
              return null;
            }
            stats.addBytes(10);
            return it.next();
          }

          @Override
          public void close() {}
        };
      }
    };
  }
}
