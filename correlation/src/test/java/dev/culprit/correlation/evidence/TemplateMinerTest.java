package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {

  @Test
  void linesDifferingOnlyInValuesShareATemplate() {
    TemplateMiner m = new TemplateMiner();
    String a = m.match("INFO", "2023-01-29 10:00:01.123 INFO order 42 paid in 17 ms by 10.0.0.7");
    String b = m.match("info", "2023-01-29 10:00:02.456 INFO order 97 paid in 3 ms by 10.0.0.9");
    assertThat(b).isEqualTo(a);
    assertThat(a).isEqualTo("INFO INFO order <n> paid in <n> ms by <ip>");
    assertThat(m.size()).isEqualTo(1);
  }

  @Test
  void wordsThatVaryAreGeneralisedButTheKeyStaysAsFirstSeen() {
    TemplateMiner m = new TemplateMiner();
    String first = m.match("INFO", "user alice logged in from web");
    String second = m.match("INFO", "user bob logged in from web");
    String third = m.match("INFO", "user carol logged in from web");
    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(first).isEqualTo("INFO user alice logged in from web");
    assertThat(m.text(first)).isEqualTo("user <*> logged in from web");
  }

  @Test
  void dissimilarLinesOfTheSameLengthStayApart() {
    TemplateMiner m = new TemplateMiner();
    String a = m.match("INFO", "cache warmed for catalog entries");
    String b = m.match("INFO", "cache evicted because memory pressure");
    assertThat(b).isNotEqualTo(a);
    assertThat(m.size()).isEqualTo(2);
  }

  @Test
  void severityIsPartOfTheTemplate() {
    TemplateMiner m = new TemplateMiner();
    assertThat(m.match("WARN", "payment declined for order 5"))
        .isNotEqualTo(m.match("ERROR", "payment declined for order 6"));
  }

  @Test
  void sourceLocationsTellAlikeStatementsApartAndHoldOneStatementTogether() {
    TemplateMiner m = new TemplateMiner();
    String at451 =
        m.match("INFO", "18:12:22.929 INFO t.s.TravelServiceImpl#451 [getTickets][time: 12]");
    String at457 =
        m.match("INFO", "18:12:22.930 INFO t.s.TravelServiceImpl#457 [getTickets][time: 13]");
    assertThat(at457).isNotEqualTo(at451);
    assertThat(at451).contains("TravelServiceImpl#451");
    String list3 = m.match("INFO", "RouteController.java:53 query routes [a1, b2, c3]");
    String list5 = m.match("INFO", "RouteController.java:53 query routes [a1, b2, c3, d4, e5]");
    assertThat(list5).isEqualTo(list3);
    assertThat(m.size()).isEqualTo(3);
  }

  @Test
  void everySourceLocationOfALineSurvivesMasking() {
    StringBuilder line = new StringBuilder("trace");
    for (int i = 1; i <= 30; i++) {
      line.append(" at c.Foo#").append(i).append(" took ").append(i * 7).append(" ms");
    }
    LogTemplates.Masked m = LogTemplates.mask(line.toString());
    assertThat(m.location()).isEqualTo("c.Foo#1");
    for (int i = 1; i <= 30; i++) {
      assertThat(m.text()).contains("at c.Foo#" + i + " took <n> ms");
    }
  }

  @Test
  void theLeastRecentlyUsedTemplateMakesRoomWhenFull() {
    TemplateMiner m = new TemplateMiner();
    String keep = m.match("INFO", "heartbeat ok");
    for (int i = 0; i < TemplateMiner.MAX_TEMPLATES + 50; i++) {
      m.match("INFO", word(i) + " happened");
      m.match("INFO", "heartbeat ok");
    }
    assertThat(m.size()).isEqualTo(TemplateMiner.MAX_TEMPLATES);
    assertThat(m.text(keep)).isEqualTo("heartbeat ok");
    assertThat(m.text("INFO " + word(0) + " happened")).isNull();
    assertThat(m.text("INFO " + word(TemplateMiner.MAX_TEMPLATES + 49) + " happened"))
        .isEqualTo(word(TemplateMiner.MAX_TEMPLATES + 49) + " happened");
  }

  @Test
  void aRestoredMinerMatchesAsBefore() {
    TemplateMiner m = new TemplateMiner();
    String a = m.match("INFO", "user alice logged in from web");
    m.match("INFO", "user bob logged in from web");
    String loc = m.match("ERROR", "c.f.Foo#12 boom 1");
    var serde = TemplateMiner.serde();
    TemplateMiner restored =
        serde.deserializer().deserialize("t", serde.serializer().serialize("t", m));
    assertThat(restored.size()).isEqualTo(2);
    assertThat(restored.match("INFO", "user dave logged in from web")).isEqualTo(a);
    assertThat(restored.match("ERROR", "c.f.Foo#12 boom 2")).isEqualTo(loc);
    assertThat(restored.text(a)).isEqualTo("user <*> logged in from web");
  }

  @Test
  void keysAreUniqueEvenWhenTruncatedTextsCollide() {
    TemplateMiner m = new TemplateMiner();
    String prefix = "x".repeat(TemplateMiner.MAX_KEY_LENGTH);
    Set<String> keys = new HashSet<>();
    keys.add(m.match("INFO", prefix + " alpha beta"));
    keys.add(m.match("INFO", prefix + " gamma delta epsilon"));
    assertThat(keys).hasSize(2);
  }

  /** A token without digits, distinct per {@code i}, so each line is its own statement. */
  private static String word(int i) {
    StringBuilder b = new StringBuilder();
    do {
      b.append((char) ('a' + i % 26));
      i /= 26;
    } while (i > 0);
    return b.toString();
  }
}
