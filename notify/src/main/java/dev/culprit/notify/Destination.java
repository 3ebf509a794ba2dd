package dev.culprit.notify;

import dev.culprit.model.Alert;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code --notify} destination. The spec syntax is {@code KIND[:TARGET][?FILTER]}:
 *
 * <ul>
 *   <li>{@code slack:URL}, {@code teams:URL}, {@code mattermost:URL}, {@code webhook:URL}, {@code
 *       cloudevents:URL} post to an incoming-webhook URL (CloudEvents: a webhook in CloudEvents
 *       form);
 *   <li>{@code console} prints to standard output;
 *   <li>{@code slack-bot:CHANNEL} posts with a bot token, read from {@code SLACK_BOT_TOKEN} unless
 *       the filter says {@code token=env:NAME} or {@code token=file:/path}; {@code thread=true}
 *       sends later messages as thread replies instead of editing the first one; {@code api=URL}
 *       sends to another Web API base URL than {@code https://slack.com/api}.
 * </ul>
 *
 * <p>Any URL may be given as {@code env:NAME} or {@code file:/path} instead (for example {@code
 * slack:env:SLACK_WEBHOOK_URL}); secrets never appear in {@link #toString()} or in error messages.
 *
 * <p>The optional filter, after the last {@code ?}, is {@code key=value} pairs joined by {@code &}:
 * {@code scope=NAME} (the incident scope must equal it) and {@code severity=LEVEL} (the incident
 * must be at least that urgent: {@code critical}, {@code error}, {@code warning}, {@code info}). A
 * {@code ?} whose pairs are not all filter keys belongs to the URL, so {@code
 * webhook:https://h/p?a=b?scope=prod} keeps {@code ?a=b} in the URL.
 *
 * @param kind the target kind, which picks the renderer
 * @param target the webhook URL, or the bot token for {@code slack-bot}; null for {@code console}
 * @param channel the Slack channel for {@code slack-bot}, else null
 * @param thread for {@code slack-bot}: reply in a thread instead of editing the first message
 * @param route which notifications this destination receives
 * @param api for {@code slack-bot}: the Web API base URL, {@code https://slack.com/api} unless the
 *     filter says {@code api=URL} (a proxy, a test double); else null
 */
public record Destination(
    TargetKind kind, Secret target, String channel, boolean thread, Route route, String api) {
  /** The environment variable holding the Slack bot token by default. */
  public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";

  private static final Set<String> FILTER_KEYS =
      Set.of("scope", "severity", "token", "thread", "api");

  public Destination {
    Objects.requireNonNull(kind, "kind");
    route = route == null ? Route.ALL : route;
    api = kind == TargetKind.SLACK_BOT && api == null ? SlackBotTransport.SLACK_API : api;
  }

  /** A destination on Slack's own Web API (when a {@code slack-bot}). */
  public Destination(TargetKind kind, Secret target, String channel, boolean thread, Route route) {
    this(kind, target, channel, thread, route, null);
  }

  /** Parses a spec, reading {@code env:} secrets from the process environment. */
  public static Destination parse(String spec) {
    return parse(spec, System.getenv());
  }

  /**
   * Parses a spec.
   *
   * @throws IllegalArgumentException with a one-line message that names no secret
   */
  public static Destination parse(String spec, Map<String, String> env) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("Invalid --notify: empty (expected KIND[:URL])");
    }
    String s = spec.trim();
    int colon = s.indexOf(':');
    String kindText = colon < 0 ? s.replaceFirst("\\?.*", "") : s.substring(0, colon);
    TargetKind kind = TargetKind.parse(kindText);
    if (kind == null) {
      throw new IllegalArgumentException(
          "Invalid --notify: unknown kind '"
              + (kindText.length() > 20 ? kindText.substring(0, 20) + "…" : kindText)
              + "' (expected slack, slack-bot, teams, mattermost, webhook, cloudevents or"
              + " console)");
    }
    String rest = colon < 0 ? s.substring(kindText.length()) : s.substring(colon + 1);
    Map<String, String> filter = Map.of();
    int q = rest.lastIndexOf('?');
    if (q >= 0) {
      Map<String, String> f = filter(rest.substring(q + 1));
      if (f != null) {
        filter = f;
        rest = rest.substring(0, q);
      }
    }
    try {
      return build(kind, rest, filter, env);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid --notify " + kind.label() + ": " + e.getMessage());
    }
  }

  private static Destination build(
      TargetKind kind, String target, Map<String, String> filter, Map<String, String> env) {
    Route route = route(filter);
    if ((filter.containsKey("token") || filter.containsKey("thread") || filter.containsKey("api"))
        && kind != TargetKind.SLACK_BOT) {
      throw new IllegalArgumentException("token=, thread= and api= only apply to slack-bot");
    }
    return switch (kind) {
      case CONSOLE -> {
        if (!target.isEmpty()) {
          throw new IllegalArgumentException("console takes no target");
        }
        yield new Destination(kind, null, null, false, route);
      }
      case SLACK_BOT -> {
        if (target.isBlank()) {
          throw new IllegalArgumentException("missing channel (slack-bot:CHANNEL)");
        }
        Secret token = Secret.resolve(filter.getOrDefault("token", "env:" + SLACK_BOT_TOKEN), env);
        boolean thread = Boolean.parseBoolean(filter.getOrDefault("thread", "false"));
        String api = filter.get("api");
        if (api != null && !isHttpUrl(api)) {
          throw new IllegalArgumentException("api=" + api + " is not an http(s) URL");
        }
        yield new Destination(kind, token, target.trim(), thread, route, api);
      }
      default -> {
        Secret url = Secret.resolve(target, env);
        checkUrl(url);
        yield new Destination(kind, url, null, false, route);
      }
    };
  }

  private static void checkUrl(Secret url) {
    if (!isHttpUrl(url.value())) {
      throw new IllegalArgumentException(url + " is not an http(s) URL");
    }
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI u = new URI(text);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static Route route(Map<String, String> filter) {
    String scope = filter.get("scope");
    Alert.Severity severity = null;
    if (filter.containsKey("severity")) {
      severity = Route.parseSeverity(filter.get("severity"));
      if (severity == null) {
        throw new IllegalArgumentException(
            "invalid severity '"
                + filter.get("severity")
                + "' (expected critical, error, warning or info)");
      }
    }
    if (scope != null && scope.isBlank()) {
      throw new IllegalArgumentException("empty scope=");
    }
    return scope == null && severity == null ? Route.ALL : new Route(scope, severity);
  }

  /** The pairs of a filter, or null when some key is not a filter key (the ? is the URL's). */
  private static Map<String, String> filter(String text) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : text.split("&", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (!FILTER_KEYS.contains(key)) {
        return null;
      }
      out.put(key, eq < 0 ? "" : pair.substring(eq + 1));
    }
    return out;
  }

  /**
   * A stable id with no secret in it, under which what this destination was told is kept: the kind
   * and a hash of what tells two destinations of that kind apart (the webhook URL; for {@code
   * slack-bot} the channel and thread mode but not the token, so a new token keeps editing the same
   * messages) and of the route.
   */
  public String id() {
    String what =
        switch (kind) {
          case CONSOLE -> "";
          case SLACK_BOT -> channel + (thread ? " thread" : "");
          default -> target.value();
        };
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest((what + " " + route).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return kind.label() + "-" + java.util.HexFormat.of().formatHex(hash, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** A name safe for logs and the dead-letter topic. */
  public String name() {
    return toString();
  }

  @Override
  public String toString() {
    String r = route.toString();
    return switch (kind) {
      case CONSOLE -> kind.label() + r;
      case SLACK_BOT ->
          kind.label()
              + ":"
              + channel
              + r
              + " (token "
              + target
              + (thread ? ", threads" : "")
              + (api.equals(SlackBotTransport.SLACK_API) ? "" : ", api " + api)
              + ")";
      default -> kind.label() + ":" + target + r;
    };
  }
}
