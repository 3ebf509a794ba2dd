package dev.culprit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class FeedbackTest {
  private static final long T = 1_790_000_000_000L;

  @Test
  void bothKindsRoundTripThroughTheFeedbackTopic() {
    Feedback fp = Feedback.falsePositive("inc-1", "ana", "deploy noise", T);
    Feedback rc = Feedback.rootCause("inc-2", "ts-route-service", "bo", null, T + 1);

    assertThat(roundTrip(fp)).isEqualTo(fp);
    assertThat(roundTrip(rc)).isEqualTo(rc);
    assertThat(Topics.FEEDBACK.name()).isEqualTo("culprit.feedback");
    assertThat(Topics.all()).contains(Topics.FEEDBACK);
  }

  @Test
  void jsonHasTheDocumentedShape() {
    Feedback rc = Feedback.rootCause("inc-2", "node-3", "bo", "disk full", T);
    String json = new String(serialize(rc), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"incidentId\":\"inc-2\",\"kind\":\"ROOT_CAUSE\",\"rootCause\":\"node-3\","
                + "\"author\":\"bo\",\"note\":\"disk full\",\"time\":"
                + T
                + "}");
  }

  @Test
  void blanksBecomeNullAndIdentifiersAreStripped() {
    Feedback f = new Feedback(" inc-1 ", Feedback.Kind.ROOT_CAUSE, " cart ", " ", "", T);

    assertThat(f.incidentId()).isEqualTo("inc-1");
    assertThat(f.rootCause()).isEqualTo("cart");
    assertThat(f.author()).isNull();
    assertThat(f.note()).isNull();
    assertThat(Feedback.falsePositive("inc-1", null, null, T).rootCause()).isNull();
    assertThat(new Feedback("inc-1", Feedback.Kind.FALSE_POSITIVE, "  ", null, null, T).rootCause())
        .isNull();
  }

  @Test
  void invalidFeedbackIsRefusedNamingTheField() {
    assertThatThrownBy(() -> Feedback.falsePositive(null, "a", null, T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incidentId");
    assertThatThrownBy(() -> Feedback.falsePositive("  ", "a", null, T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incidentId");
    assertThatThrownBy(() -> new Feedback("inc-1", null, null, "a", null, T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind");
    assertThatThrownBy(() -> Feedback.rootCause("inc-1", " ", "a", null, T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rootCause");
    assertThatThrownBy(() -> Feedback.rootCause("inc-1", null, "a", null, T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rootCause");
    assertThatThrownBy(
            () -> new Feedback("inc-1", Feedback.Kind.FALSE_POSITIVE, "cart", "a", null, T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rootCause");
    assertThatThrownBy(() -> Feedback.falsePositive("inc-1", "a", null, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time");
  }

  @Test
  void invalidJsonBecomesSerializationException() {
    var deserializer = Topics.FEEDBACK.valueSerde().deserializer();
    byte[] noRootCause =
        "{\"incidentId\":\"inc-1\",\"kind\":\"ROOT_CAUSE\",\"time\":1}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> deserializer.deserialize(Topics.FEEDBACK.name(), noRootCause))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Feedback");
  }

  private static byte[] serialize(Feedback f) {
    return Topics.FEEDBACK.valueSerde().serializer().serialize(Topics.FEEDBACK.name(), f);
  }

  private static Feedback roundTrip(Feedback f) {
    return Topics.FEEDBACK
        .valueSerde()
        .deserializer()
        .deserialize(Topics.FEEDBACK.name(), serialize(f));
  }
}
