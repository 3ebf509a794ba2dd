package dev.culprit.notify;

import dev.culprit.notify.MessageContent.Action;
import dev.culprit.notify.MessageContent.Cause;
import dev.culprit.notify.MessageContent.Line;
import dev.culprit.notify.MessageContent.Link;
import java.nio.charset.StandardCharsets;

/** Readable plain text for a terminal or a log; long texts are cut with an ellipsis. */
public final class ConsoleRenderer implements Renderer {
  static final int LINE_MAX = 300;

  @Override
  public String contentType() {
    return "text/plain; charset=utf-8";
  }

  @Override
  public byte[] render(Notification n) {
    return text(MessageContent.of(n)).getBytes(StandardCharsets.UTF_8);
  }

  static String text(MessageContent c) {
    StringBuilder s = new StringBuilder();
    s.append(MessageContent.clip(c.title(), LINE_MAX)).append('\n');
    s.append("  incident ").append(MessageContent.clip(c.incidentId(), 200));
    s.append(" v").append(c.version());
    if (c.scope() != null) {
      s.append(" · scope ").append(MessageContent.clip(c.scope(), 200));
    }
    s.append('\n').append("  started ").append(c.started());
    s.append(" · updated ").append(c.updated()).append('\n');
    if (!c.change().isEmpty()) {
      s.append("  change: ").append(MessageContent.clip(c.change(), LINE_MAX)).append('\n');
    }
    for (Cause cause : c.causes()) {
      s.append("  #").append(cause.rank()).append(' ');
      s.append(MessageContent.clip(cause.entity(), 200));
      s.append(" (")
          .append(cause.kindText())
          .append(") score ")
          .append(cause.scoreText())
          .append('\n');
      if (!cause.explanation().isEmpty()) {
        s.append("     ").append(MessageContent.clip(cause.explanation(), LINE_MAX)).append('\n');
      }
      for (Line l : cause.evidence()) {
        s.append("     - ").append(MessageContent.clip(l.text(), LINE_MAX)).append('\n');
      }
      if (cause.moreEvidence() > 0) {
        s.append("     ")
            .append(MessageContent.more(cause.moreEvidence(), "evidence"))
            .append('\n');
      }
    }
    if (c.moreCauses() > 0) {
      s.append("  ").append(MessageContent.more(c.moreCauses(), "root cause")).append('\n');
    }
    for (Link l : c.links()) {
      String shown = l.url() == null ? l.label() : l.url();
      s.append("  link: ").append(MessageContent.clip(shown, 2 * LINE_MAX)).append('\n');
    }
    for (Action a : c.actions()) {
      s.append("  ").append(MessageContent.clip(a.label(), 100)).append(": ");
      s.append(MessageContent.clip(a.url(), 2 * LINE_MAX)).append('\n');
    }
    return s.toString();
  }
}
