package dev.culprit.http;

import dev.culprit.feedback.FeedbackText;
import dev.culprit.model.Feedback;
import java.time.Instant;

/** The self-contained HTML pages of {@link FeedbackRoutes}; every value shown is escaped. */
final class FeedbackPage {
  private static final String STYLE =
      "body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
          + "label{display:block;margin-top:1em}input,textarea{width:100%;box-sizing:border-box}"
          + "button{margin-top:1.5em;padding:.5em 2em}th{text-align:left;padding-right:1em}";

  private FeedbackPage() {}

  /**
   * What would be recorded, and the form that records it, carrying the link's {@code exp} and
   * {@code sig} (either may be null) back to the server.
   */
  static String confirm(Feedback f, String exp, String sig) {
    boolean rootCause = f.kind() == Feedback.Kind.ROOT_CAUSE;
    StringBuilder b = new StringBuilder();
    b.append("<p>Incident <strong>").append(escape(f.incidentId())).append("</strong>: ");
    b.append(rootCause ? "confirm or correct its root cause." : "record it as a false positive.");
    b.append("</p>\n<form method=\"post\" action=\"feedback\">\n");
    hidden(b, "incident", f.incidentId());
    hidden(b, "action", rootCause ? FeedbackRoutes.ROOT_CAUSE : FeedbackRoutes.FALSE_POSITIVE);
    if (exp != null && sig != null) {
      hidden(b, "exp", exp);
      hidden(b, "sig", sig);
    }
    if (rootCause) {
      b.append("<label for=\"entity\">Root cause (service, pod or node)</label>\n");
      b.append("<input id=\"entity\" name=\"entity\" required value=\"")
          .append(escape(f.rootCause()))
          .append("\">\n");
    }
    b.append("<label for=\"author\">Your name</label>\n");
    b.append("<input id=\"author\" name=\"author\" value=\"")
        .append(escape(f.author()))
        .append("\">\n");
    b.append("<label for=\"note\">Note</label>\n");
    b.append("<textarea id=\"note\" name=\"note\" rows=\"3\">")
        .append(escape(f.note()))
        .append("</textarea>\n");
    b.append("<button type=\"submit\">Record</button>\n</form>\n");
    return page("Feedback on incident " + f.incidentId(), b.toString());
  }

  /** The confirmation that {@code f} was recorded. */
  static String recorded(Feedback f) {
    String body =
        "<p>Recorded: "
            + escape(FeedbackText.describe(f))
            + ".</p>\n<table>\n"
            + row("incident", f.incidentId())
            + row("verdict", f.kind().name())
            + row("root cause", f.rootCause())
            + row("author", f.author())
            + row("note", f.note())
            + row("time", Instant.ofEpochMilli(f.time()).toString())
            + "</table>\n<p>The next model training reads it.</p>\n";
    return page("Feedback recorded", body);
  }

  /** Why nothing was or could be recorded. */
  static String problem(String message) {
    return page("Cannot record feedback", "<p>" + escape(message) + "</p>\n");
  }

  /** Sends a page with headers that keep it from being framed, cached or sniffed. */
  static void send(Exchange ex, int status, String html) {
    ex.setHeader("Cache-Control", "no-store");
    ex.setHeader("X-Content-Type-Options", "nosniff");
    ex.setHeader("X-Frame-Options", "DENY");
    ex.setHeader("Referrer-Policy", "no-referrer");
    ex.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    ex.send(status, "text/html; charset=utf-8", html);
  }

  /** {@code s} with the five HTML-special characters replaced by references; null is empty. */
  static String escape(String s) {
    return HtmlEscape.escape(s);
  }

  private static void hidden(StringBuilder b, String name, String value) {
    b.append("<input type=\"hidden\" name=\"")
        .append(name)
        .append("\" value=\"")
        .append(escape(value))
        .append("\">\n");
  }

  private static String row(String name, String value) {
    return value == null ? "" : "<tr><th>" + name + "</th><td>" + escape(value) + "</td></tr>\n";
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + escape(title)
        + "</title>\n<style>"
        + STYLE
        + "</style>\n</head>\n<body>\n<h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "</body>\n</html>\n";
  }
}
