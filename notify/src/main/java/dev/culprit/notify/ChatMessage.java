package dev.culprit.notify;

import java.util.Objects;

/**
 * The first chat message posted about an incident, which later messages edit or reply to.
 *
 * @param channel the channel it was posted in, as the chat service names it
 * @param ts the message id (Slack {@code ts})
 */
record ChatMessage(String channel, String ts) {
  ChatMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(ts, "ts");
  }
}
