package dev.culprit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.model.Incident;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentBoardTest {
  @Test
  void keepsTheLatestVersionOfEachIncidentAndIgnoresOlderOnes() {
    IncidentBoard board = new IncidentBoard(10);

    assertThat(board.accept(WebFixtures.incident("a", 2, Incident.Status.OPEN, "s"))).isTrue();
    assertThat(board.accept(WebFixtures.incident("a", 1, Incident.Status.OPEN, "s"))).isFalse();
    assertThat(board.accept(WebFixtures.incident("a", 3, Incident.Status.RESOLVED, "s"))).isTrue();

    assertThat(board.size()).isOne();
    assertThat(board.get("a")).hasValueSatisfying(i -> assertThat(i.version()).isEqualTo(3));
  }

  @Test
  void dropsTheLeastRecentlyUpdatedPastItsCapacityAndListsNewestFirst() {
    IncidentBoard board = new IncidentBoard(2);
    board.accept(WebFixtures.incident("a", 1, Incident.Status.OPEN, "s"));
    board.accept(WebFixtures.incident("b", 2, Incident.Status.OPEN, "s"));
    board.accept(WebFixtures.incident("a", 3, Incident.Status.OPEN, "s"));
    board.accept(WebFixtures.incident("c", 1, Incident.Status.OPEN, "s"));

    assertThat(board.list()).extracting(Incident::id).containsExactly("a", "c");
    assertThat(board.get("b")).isEmpty();
  }

  @Test
  void subscribersGetEachAcceptedVersionAndLearnWhenTheyFellBehind() throws Exception {
    IncidentBoard board = new IncidentBoard(1000);
    try (IncidentBoard.Subscription sub = board.subscribe()) {
      board.accept(WebFixtures.incident("a", 1, Incident.Status.OPEN, "s"));
      board.accept(WebFixtures.incident("a", 1, Incident.Status.OPEN, "s"));

      assertThat(sub.poll(Duration.ofSeconds(1)).id()).isEqualTo("a");
      assertThat(sub.poll(Duration.ofMillis(50))).isNull();
      assertThat(sub.lagged()).isFalse();
      for (int v = 2; v < 400; v++) {
        board.accept(WebFixtures.incident("a", v, Incident.Status.OPEN, "s"));
      }
      assertThat(sub.lagged()).isTrue();
    }
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new IncidentBoard(0)).hasMessage("Invalid capacity: 0");
  }
}
