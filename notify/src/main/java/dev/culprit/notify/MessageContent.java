package dev.culprit.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.model.Alert;
import dev.culprit.model.Evidence;
import dev.culprit.model.Incident;
import dev.culprit.model.Json;
import dev.culprit.model.RootCause;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What every chat target shows about a notification, computed once by {@link #of(Notification)}.
 *
 * <p><b>Severity rule.</b> {@link Severity#CRITICAL} when some unsuppressed {@code ALERT} evidence
 * of the incident or of its root causes is a critical alert ({@link Evidence#alertSeverity}: the
 * severity Culprit writes as {@code alert NAME (critical)}, whatever links follow it); otherwise
 * {@link Severity#WARNING} when the incident carries any unsuppressed evidence; otherwise {@link
 * Severity#INFO} (nothing but held-back evidence, or none, as for an investigation a trigger asked
 * for). A resolved incident keeps the severity its evidence gives it.
 *
 * @param severity how urgent the incident is, by the rule above
 * @param kind opened, updated or resolved
 * @param incidentId the incident id
 * @param version the incident version
 * @param scope the incident scope, or null
 * @param title severity, kind and the affected entities
 * @param causes the top three root causes
 * @param moreCauses how many root causes the message leaves out
 * @param started when the incident opened, ISO-8601 UTC
 * @param updated when this version was recorded, ISO-8601 UTC
 * @param change what changed, for updates; empty otherwise
 * @param links trace ids and http(s) URLs found in evidence details, deduplicated, at most five
 * @param actions the link to the incident's web page, then the feedback links; empty when the
 *     notification has no feedback base URL
 */
public record MessageContent(
    Severity severity,
    Notification.Kind kind,
    String incidentId,
    int version,
    String scope,
    String title,
    List<Cause> causes,
    int moreCauses,
    String started,
    String updated,
    String change,
    List<Link> links,
    List<Action> actions) {

  static final int TOP_CAUSES = 3;
  static final int EVIDENCE_PER_CAUSE = 3;
  static final int MAX_LINKS = 5;
  static final int TITLE_ENTITIES = 2;
  static final int MAX_NAME = 80;

  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`|\\\\^{}\\[\\]]+");

  /** A trace id as tracing systems write them: hex, or letters, digits, dots, dashes. */
  private static final Pattern TRACE_ID = Pattern.compile("[0-9A-Za-z._-]{8,64}");

  public MessageContent {
    causes = List.copyOf(causes);
    links = List.copyOf(links);
    actions = List.copyOf(actions);
  }

  /** The link to the incident's web page, or null without a base URL. */
  public String pageUrl() {
    return actions.isEmpty() ? null : actions.getFirst().url();
  }

  /** The feedback links: the actions after the incident page's. */
  public List<Action> feedbackActions() {
    return actions.isEmpty() ? List.of() : actions.subList(1, actions.size());
  }

  /** How urgent an incident is. */
  public enum Severity {
    CRITICAL,
    WARNING,
    INFO
  }

  /**
   * One root cause as shown.
   *
   * @param rank 1 for the most probable
   * @param entity the entity name
   * @param kind the entity kind label
   * @param service the service it belongs to, or null
   * @param score the ranking score
   * @param explanation the one-line explanation
   * @param evidence up to three evidence lines
   * @param moreEvidence how many evidence items are left out
   */
  public record Cause(
      int rank,
      String entity,
      String kind,
      String service,
      double score,
      String explanation,
      List<Line> evidence,
      int moreEvidence) {
    public Cause {
      evidence = List.copyOf(evidence);
    }

    /** The kind, with the service for an entity inside one: {@code instance of ts-route}. */
    public String kindText() {
      return service == null || service.equals(entity)
          ? kind
          : kind + " of " + MessageContent.clip(service, 200);
    }

    /** The score with two decimals. */
    public String scoreText() {
      return String.format(Locale.ROOT, "%.2f", score);
    }
  }

  /**
   * One evidence item as shown.
   *
   * @param signal the signal label
   * @param feature the metric, log template or operation
   * @param score the evidence score
   * @param direction up, down or new
   * @param heldBack the suppression kind that held it back, or null
   */
  public record Line(
      String signal, String feature, double score, String direction, String heldBack) {
    /** {@code metric cpu_usage 12.34 up}, with {@code (held back: duplicate)} when suppressed. */
    public String text() {
      String s =
          String.format(Locale.ROOT, "%s %s %.2f %s", signal, clip(feature, 200), score, direction);
      return heldBack == null ? s : s + " (held back: " + heldBack + ")";
    }
  }

  /**
   * A link found in evidence.
   *
   * @param label what to show: the URL's host and path, or {@code trace <id>}
   * @param url the URL, or null for a trace id no tracing UI is known for
   * @param traceId the trace id, or null for a URL
   */
  public record Link(String label, String url, String traceId) {}

  /**
   * A feedback action.
   *
   * @param label the button text
   * @param url where it leads
   */
  public record Action(String label, String url) {}

  /** The content of {@code n}. */
  public static MessageContent of(Notification n) {
    Incident i = n.incident();
    Severity severity = severity(i);
    List<Cause> causes = causes(i);
    return new MessageContent(
        severity,
        n.kind(),
        i.id(),
        i.version(),
        i.scope(),
        title(severity, n.kind(), i),
        causes,
        Math.max(0, i.rootCauses().size() - causes.size()),
        Instant.ofEpochMilli(i.openedAt()).toString(),
        Instant.ofEpochMilli(i.updatedAt()).toString(),
        n.kind() == Notification.Kind.UPDATED ? i.change() : "",
        links(i),
        actions(n.feedbackBaseUrl(), n.feedbackProof(), i.id(), causes));
  }

  /** The severity of {@code i}, by the rule in the type's Javadoc. */
  public static Severity severity(Incident i) {
    List<Evidence> live = allEvidence(i).filter(e -> !e.suppressed()).toList();
    boolean critical = live.stream().anyMatch(e -> e.alertSeverity() == Alert.Severity.CRITICAL);
    if (critical) {
      return Severity.CRITICAL;
    }
    return live.isEmpty() ? Severity.INFO : Severity.WARNING;
  }

  /**
   * A title (or a text starting with one) with the data after its fixed {@code [SEVERITY] Incident
   * ...: } head passed through {@code escape}.
   */
  static String escapeTitle(String title, java.util.function.UnaryOperator<String> escape) {
    int head = title.indexOf(": ");
    return head < 0
        ? escape.apply(title)
        : title.substring(0, head + 2) + escape.apply(title.substring(head + 2));
  }

  static String title(Severity severity, Notification.Kind kind, Incident i) {
    List<String> names = new ArrayList<>();
    i.affected().forEach(r -> names.add(r.name()));
    if (names.isEmpty()) {
      i.rootCauses().forEach(c -> names.add(c.entity()));
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
    String what =
        switch (kind) {
          case OPENED -> "Incident opened";
          case UPDATED -> "Incident updated";
          case RESOLVED -> "Incident resolved";
        };
    StringBuilder t = new StringBuilder("[").append(severity).append("] ").append(what);
    if (distinct.isEmpty()) {
      return t.append(": ")
          .append(clip(i.scope() == null ? i.id() : i.scope(), MAX_NAME))
          .toString();
    }
    t.append(": ");
    List<String> shown = distinct.subList(0, Math.min(TITLE_ENTITIES, distinct.size()));
    t.append(String.join(", ", shown.stream().map(s -> clip(s, MAX_NAME)).toList()));
    if (distinct.size() > shown.size()) {
      t.append(" (+").append(distinct.size() - shown.size()).append(" more)");
    }
    return t.toString();
  }

  private static List<Cause> causes(Incident i) {
    List<Cause> out = new ArrayList<>();
    List<RootCause> top = i.rootCauses().subList(0, Math.min(TOP_CAUSES, i.rootCauses().size()));
    for (RootCause c : top) {
      List<Line> lines =
          c.evidence().stream().limit(EVIDENCE_PER_CAUSE).map(MessageContent::line).toList();
      out.add(
          new Cause(
              out.size() + 1,
              c.entity(),
              c.kind().label(),
              c.service(),
              c.score(),
              c.explanation(),
              lines,
              c.evidence().size() - lines.size()));
    }
    return out;
  }

  private static Line line(Evidence e) {
    return new Line(
        e.signal().label(),
        e.feature(),
        e.score(),
        e.direction().name().toLowerCase(Locale.ROOT),
        e.suppressed() ? e.suppression().kind().name().toLowerCase(Locale.ROOT) : null);
  }

  /**
   * The links evidence carries ({@link Evidence#links}: runbooks, dashboards, example traces), in
   * the order of the evidence, deduplicated, at most five. A URL is kept only when it is one plain
   * http(s) address, so a renderer can put it inside its own link markup as it is.
   */
  static List<Link> links(Incident i) {
    Set<String> seen = new LinkedHashSet<>();
    List<Link> out = new ArrayList<>();
    for (Evidence e : allEvidence(i).toList()) {
      for (Evidence.Link l : e.links()) {
        Link link = message(l);
        if (link != null
            && out.size() < MAX_LINKS
            && seen.add(link.url() != null ? link.url() : link.traceId())) {
          out.add(link);
        }
      }
      if (out.size() >= MAX_LINKS) {
        break;
      }
    }
    return out;
  }

  private static Link message(Evidence.Link l) {
    if (l.url() != null) {
      String url = trimUrl(l.url().strip());
      return URL.matcher(url).matches() ? new Link(urlLabel(url), url, null) : null;
    }
    String id = l.traceId().strip();
    return TRACE_ID.matcher(id).matches() ? new Link("trace " + id, null, id) : null;
  }

  /** Host and path of {@code url}, at most 60 characters: {@code grafana.example.com/d/x}. */
  static String urlLabel(String url) {
    String rest = url.substring(url.indexOf("//") + 2);
    int query = rest.indexOf('?');
    String label = query < 0 ? rest : rest.substring(0, query);
    return clip(label.endsWith("/") ? label.substring(0, label.length() - 1) : label, 60);
  }

  private static String trimUrl(String url) {
    int end = url.length();
    while (end > 0 && ".,;:!?)".indexOf(url.charAt(end - 1)) >= 0) {
      end--;
    }
    return url.substring(0, end);
  }

  private static List<Action> actions(String base, String proof, String id, List<Cause> causes) {
    if (base == null || base.isBlank()) {
      return List.of();
    }
    String server = base.strip().replaceAll("/+$", "");
    String root = server + "/feedback?incident=" + encode(id);
    String page = server + "/incident?id=" + encode(id);
    if (proof != null) {
      root += "&" + proof;
      page += "&" + proof;
    }
    List<Action> out = new ArrayList<>();
    out.add(new Action("Open incident", page));
    out.add(new Action("False positive", root + "&action=false-positive"));
    for (Cause c : causes) {
      out.add(
          new Action(
              "Confirm root cause: " + c.entity(),
              root + "&action=root-cause&entity=" + encode(c.entity())));
    }
    return out;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Stream<Evidence> allEvidence(Incident i) {
    return Stream.concat(
        i.evidence().stream(), i.rootCauses().stream().flatMap(c -> c.evidence().stream()));
  }

  /**
   * The UTF-8 JSON bytes of {@code node}. Written as a string first, so a lone surrogate in
   * incident text becomes {@code ?} instead of failing the render.
   */
  static byte[] json(JsonNode node) {
    try {
      return Json.mapper().writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a JSON tree: " + e.getMessage(), e);
    }
  }

  /** {@code … 3 more root causes}; nouns other than {@code evidence} get a plural s. */
  static String more(int n, String noun) {
    boolean plural = n != 1 && !noun.equals("evidence");
    return "… " + n + " more " + noun + (plural ? "s" : "");
  }

  /** {@code s} cut to at most {@code max} characters, ending with an ellipsis when cut. */
  static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    if (s.length() <= max) {
      return s;
    }
    int end = Math.max(0, max - 1);
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
