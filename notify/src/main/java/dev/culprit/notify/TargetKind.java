package dev.culprit.notify;

import java.util.Locale;

/** The kinds of destination {@code --notify} accepts; each has its own renderer. */
public enum TargetKind {
  SLACK("slack"),
  SLACK_BOT("slack-bot"),
  TEAMS("teams"),
  MATTERMOST("mattermost"),
  WEBHOOK("webhook"),
  CLOUDEVENTS("cloudevents"),
  CONSOLE("console");

  private final String label;

  TargetKind(String label) {
    this.label = label;
  }

  /** The prefix in a {@code --notify} spec. */
  public String label() {
    return label;
  }

  static TargetKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (TargetKind k : values()) {
      if (k.label.equals(t)) {
        return k;
      }
    }
    return null;
  }
}
