package dev.culprit.correlation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanLogProfilesTest {
  private static final Resource ORDERS = new Resource("orders", "orders-1", "n1");
  private final Map<String, SpanLogProfiles.Profile> store = new HashMap<>();

  @Test
  void nothingIsExpectedUntilAnOperationHasEnoughCalls() {
    for (int i = 0; i < SpanLogProfiles.MIN_CALLS - 1; i++) {
      assertThat(trace(i, "price", "INFO A#1")).isEmpty();
    }
    SpanLogProfiles.Profile p = store.get("orders|price");
    assertThat(p.calls()).isEqualTo(SpanLogProfiles.MIN_CALLS - 1);
    assertThat(p.present()).containsEntry("INFO A#1", SpanLogProfiles.MIN_CALLS - 1);
    assertThat(trace(99, "price")).isEmpty();
  }

  @Test
  void aCallWithoutAStatementItsOperationNearlyAlwaysWritesIsIncomplete() {
    for (int i = 0; i < 40; i++) {
      // A#1 on every call, B#2 on every fourth: only A#1 is expected
      trace(
          i,
          "price",
          i % 4 == 0 ? new String[] {"INFO A#1", "INFO B#2"} : new String[] {"INFO A#1"});
    }
    assertThat(store.get("orders|price").expected()).containsExactly("INFO A#1");
    assertThat(trace(100, "price", "INFO A#1"))
        .containsExactly(new SpanLogProfiles.Check("orders", "price", null));
    assertThat(trace(101, "price", "INFO B#2"))
        .containsExactly(new SpanLogProfiles.Check("orders", "price", "INFO A#1"));
    assertThat(trace(102, "quote")).isEmpty();
  }

  @Test
  void oneHandlerUnderTwoRoutesIsProfiledPerRoute() {
    Resource web = new Resource("web", "web-1", "n1");
    for (int i = 0; i < 40; i++) {
      String route = i % 2 == 0 ? "/batch" : "/single";
      String statement = i % 2 == 0 ? "INFO Price#46" : "INFO Price#39";
      routed(i, web, route, statement);
    }
    assertThat(store.get("orders|/batch > query").expected()).containsExactly("INFO Price#46");
    assertThat(store.get("orders|/single > query").expected()).containsExactly("INFO Price#39");
    assertThat(routed(100, web, "/batch"))
        .containsExactly(new SpanLogProfiles.Check("orders", "/batch > query", "INFO Price#46"));
  }

  @Test
  void countsHalveSoProfilesFollowAChangingService() {
    for (int i = 0; i < SpanLogProfiles.FORGET_AT; i++) {
      trace(i, "price", "INFO A#1", "INFO B#2");
    }
    SpanLogProfiles.Profile p = store.get("orders|price");
    assertThat(p.calls()).isEqualTo(SpanLogProfiles.FORGET_AT / 2);
    assertThat(p.present()).containsEntry("INFO A#1", SpanLogProfiles.FORGET_AT / 2);
    assertThat(p.together())
        .containsEntry(SpanLogProfiles.pair("INFO A#1", "INFO B#2"), SpanLogProfiles.FORGET_AT / 2);
  }

  @Test
  void aStatementThatAlwaysFollowsAnotherIsExpectedWheneverTheFirstIsWritten() {
    for (int i = 0; i < 60; i++) {
      // half the calls reach the branch that writes Calc#366, and then always Calc#372
      trace(
          i,
          "query",
          i % 2 == 0 ? new String[] {"INFO Calc#366", "INFO Calc#372"} : new String[] {});
    }
    SpanLogProfiles.Profile p = store.get("orders|query");
    assertThat(p.expected()).isEmpty();
    assertThat(p.implied())
        .containsEntry("INFO Calc#366", List.of("INFO Calc#372"))
        .containsEntry("INFO Calc#372", List.of("INFO Calc#366"));
    assertThat(trace(100, "query"))
        .containsExactly(new SpanLogProfiles.Check("orders", "query", null));
    assertThat(trace(101, "query", "INFO Calc#366", "INFO Calc#372"))
        .containsExactly(new SpanLogProfiles.Check("orders", "query", null));
    assertThat(trace(102, "query", "INFO Calc#366"))
        .containsExactly(
            new SpanLogProfiles.Check("orders", "query", "INFO Calc#372 after INFO Calc#366"));
  }

  @Test
  void statementsThatOnlySometimesComeTogetherImplyNothing() {
    for (int i = 0; i < 60; i++) {
      trace(
          i,
          "query",
          i % 3 == 0 ? new String[] {"INFO A#1", "INFO B#2"} : new String[] {"INFO A#1"});
    }
    SpanLogProfiles.Profile p = store.get("orders|query");
    assertThat(p.expected()).containsExactly("INFO A#1");
    // B#2 always comes with A#1, but A#1 is expected of every call and checked as such
    assertThat(p.implied()).isEmpty();
    assertThat(p.together()).containsEntry(SpanLogProfiles.pair("INFO A#1", "INFO B#2"), 20L);
    assertThat(trace(100, "query", "INFO A#1"))
        .containsExactly(new SpanLogProfiles.Check("orders", "query", null));
  }

  @Test
  void incompleteCallsAreNotLearnedWhileTheServiceIsInTheMiddleOfAFault() {
    for (int i = 0; i < 40; i++) {
      trace(i, "price", "INFO A#1");
    }
    for (int i = 40; i < 80; i++) {
      List<TracePart> parts =
          List.of(
              new TracePart("t" + i, "s", null, ORDERS, i, false, "price", null),
              new TracePart("t" + i, "s", null, ORDERS, i, false, null, "INFO B#2"));
      assertThat(SpanLogProfiles.checkAndLearn(parts, store::get, store::put, service -> false))
          .containsExactly(new SpanLogProfiles.Check("orders", "price", "INFO A#1"));
    }
    // forty incomplete calls, none learned: A#1 is still expected of every call
    assertThat(store.get("orders|price").calls()).isEqualTo(40);
    assertThat(store.get("orders|price").expected()).containsExactly("INFO A#1");
    trace(80, "price", "INFO B#2");
    assertThat(store.get("orders|price").calls()).isEqualTo(41);
  }

  /** A call of {@code route} at web that calls {@code query} at orders, which logs. */
  private List<SpanLogProfiles.Check> routed(
      int n, Resource web, String route, String... statements) {
    String trace = "r" + n;
    List<TracePart> parts = new ArrayList<>();
    parts.add(new TracePart(trace, "p", null, web, n, false, route, null));
    parts.add(new TracePart(trace, "s", "p", ORDERS, n, false, "query", null));
    for (String statement : statements) {
      parts.add(new TracePart(trace, "s", null, ORDERS, n, false, null, statement));
    }
    List<SpanLogProfiles.Check> checks =
        SpanLogProfiles.checkAndLearn(parts, store::get, store::put);
    return checks.stream().filter(c -> c.service().equals("orders")).toList();
  }

  /** One trace with one call of {@code operation} at orders that logs {@code statements}. */
  private List<SpanLogProfiles.Check> trace(int n, String operation, String... statements) {
    String trace = "t" + n;
    List<TracePart> parts = new ArrayList<>();
    parts.add(new TracePart(trace, "s", null, ORDERS, n, false, operation, null));
    for (String statement : statements) {
      parts.add(new TracePart(trace, "s", null, ORDERS, n, false, null, statement));
    }
    return SpanLogProfiles.checkAndLearn(parts, store::get, store::put);
  }
}
