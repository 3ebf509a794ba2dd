package dev.culprit.cli;

import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.kafka.KafkaClients;
import dev.culprit.notify.CloudEventsRenderer;
import dev.culprit.notify.ConsoleRenderer;
import dev.culprit.notify.DeliveryOptions;
import dev.culprit.notify.Destination;
import dev.culprit.notify.IncidentNotifier;
import dev.culprit.notify.Lifecycle;
import dev.culprit.notify.MattermostRenderer;
import dev.culprit.notify.Renderer;
import dev.culprit.notify.Secret;
import dev.culprit.notify.SlackRenderer;
import dev.culprit.notify.TargetKind;
import dev.culprit.notify.TeamsRenderer;
import dev.culprit.notify.WebhookRenderer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The chat options {@code run}, {@code demo} and {@code replay} share. */
final class NotifyOptions {
  @Option(
      names = "--notify",
      paramLabel = "SPEC",
      description =
          "Send incidents to chat (repeatable): slack:URL, teams:URL, mattermost:URL, webhook:URL,"
              + " cloudevents:URL, slack-bot:CHANNEL (token from $SLACK_BOT_TOKEN) or console. A"
              + " URL may be env:NAME or file:PATH; ?scope=S&severity=critical routes.")
  List<String> specs = new ArrayList<>();

  @Option(
      names = "--notify-updates",
      defaultValue = "material",
      paramLabel = "WHICH",
      description =
          "Which updates are sent besides open and resolved: material (the top three or the"
              + " status changed; default), all, or none.")
  String updates;

  @Option(
      names = "--feedback-url",
      paramLabel = "URL",
      description =
          "Where people reach Culprit's web and feedback pages from chat (e.g. https://culprit.example"
              + ".com); messages then carry a link to the incident page and false-positive and"
              + " confirm-root-cause links.")
  String feedbackUrl;

  @Option(
      names = "--feedback-secret",
      paramLabel = "env:NAME|file:PATH",
      description =
          "Key that signs the feedback links in chat messages (HMAC-SHA256); the feedback pages"
              + " then take a verdict only with a valid, unexpired link or the bearer token. By"
              + " default a key derived from the HTTP bearer token, when one is set.")
  String feedbackSecret;

  @Option(
      names = "--feedback-link-days",
      defaultValue = "7",
      paramLabel = "DAYS",
      description = "How long a signed feedback link stays valid (default 7 days).")
  int feedbackLinkDays;

  @Option(
      names = "--notify-rate",
      defaultValue = "1",
      paramLabel = "PER_SECOND",
      description =
          "Messages per second to each destination (bursts of 5), default 1: the pace Slack and"
              + " Teams webhooks accept.")
  double rate;

  boolean any() {
    return !specs.isEmpty();
  }

  /** The destinations, or a usage error naming the bad spec (never its secret). */
  List<Destination> destinations(CommandLine cli) {
    List<Destination> out = new ArrayList<>();
    for (String s : specs) {
      try {
        out.add(Destination.parse(s));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(cli, e.getMessage());
      }
    }
    return out;
  }

  Lifecycle.Updates updatePolicy(CommandLine cli) {
    try {
      return Lifecycle.Updates.parse(updates);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, e.getMessage());
    }
  }

  /** Retry, rate and timeout settings, with the rate asked for. */
  DeliveryOptions delivery(CommandLine cli) {
    if (!(rate > 0)) {
      throw new ParameterException(cli, "--notify-rate must be above 0, not " + rate);
    }
    return DeliveryOptions.defaults().withRate(rate, 5);
  }

  /** Checks every option now, before anything starts. */
  void validate(CommandLine cli) {
    destinations(cli);
    updatePolicy(cli);
    delivery(cli);
    links(cli, null);
  }

  /**
   * How feedback links are signed: with {@code --feedback-secret}, else with a key derived from
   * {@code bearerToken} (may be null), else not at all.
   */
  FeedbackLinks links(CommandLine cli, String bearerToken) {
    if (feedbackLinkDays < 1) {
      throw new ParameterException(cli, "--feedback-link-days must be at least 1");
    }
    Duration ttl = Duration.ofDays(feedbackLinkDays);
    if (feedbackSecret != null) {
      try {
        return FeedbackLinks.signed(Secret.reveal(feedbackSecret), ttl, Clock.systemUTC());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(cli, "--feedback-secret: " + e.getMessage());
      }
    }
    return bearerToken == null
        ? FeedbackLinks.unsigned()
        : FeedbackLinks.fromToken(bearerToken, ttl, Clock.systemUTC());
  }

  /**
   * The notifier config for a pipeline on {@code bootstrapServers}, signing links by {@code links}.
   */
  IncidentNotifier.Config config(
      CommandLine cli, String bootstrapServers, boolean fromBeginning, FeedbackLinks links) {
    return config(cli, KafkaClients.of(bootstrapServers), fromBeginning, links);
  }

  /** The notifier settings on the cluster {@code clients} names, with its client settings. */
  IncidentNotifier.Config config(
      CommandLine cli, KafkaClients clients, boolean fromBeginning, FeedbackLinks links) {
    return new IncidentNotifier.Config(
        clients.bootstrapServers(),
        null,
        updatePolicy(cli),
        feedbackUrl,
        delivery(cli),
        fromBeginning,
        links,
        clients.settings());
  }

  /** The renderer of each target kind. */
  static Renderer renderer(TargetKind kind) {
    return switch (kind) {
      case SLACK, SLACK_BOT -> new SlackRenderer();
      case TEAMS -> new TeamsRenderer();
      case MATTERMOST -> new MattermostRenderer();
      case WEBHOOK -> new WebhookRenderer();
      case CLOUDEVENTS -> new CloudEventsRenderer();
      case CONSOLE -> new ConsoleRenderer();
    };
  }
}
