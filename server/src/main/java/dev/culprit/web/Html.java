package dev.culprit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.culprit.http.Exchange;
import dev.culprit.http.HtmlEscape;
import dev.culprit.model.Json;
import java.time.Instant;
import java.util.List;

/**
 * The shared parts of the web pages: escaping, the page frame and the headers every page is sent
 * with. Every value from data passes through {@link #escape}; data for scripts travels in a JSON
 * block ({@link #data}) that no browser executes, read by the page's script file.
 */
public final class Html {
  /**
   * The policy of served pages: scripts from the server's files only (no inline script), styles
   * from its stylesheet plus the inline styles ECharts sets on the elements it draws.
   */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private Html() {}

  /** {@code s} with the five HTML-special characters replaced by references; null is empty. */
  public static String escape(String s) {
    return HtmlEscape.escape(s);
  }

  /**
   * A {@code <script type="application/json">} block holding {@code value} as JSON, with {@code <},
   * {@code >} and {@code &} written as JSON escapes so that no text in it can end the block.
   */
  public static String data(String id, Object value) {
    String json;
    try {
      json = Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid page data: " + e.getOriginalMessage(), e);
    }
    String safe =
        json.replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029");
    return "<script type=\"application/json\" id=\"" + id + "\">" + safe + "</script>\n";
  }

  /** An event time as ISO-8601 UTC to the second. */
  public static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis)
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString();
  }

  /** A served page: the frame with the navigation, the stylesheet and the given script files. */
  static String page(String title, String body, List<String> scripts) {
    StringBuilder b = new StringBuilder(body.length() + 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    b.append("<title>").append(escape(title)).append(" · Culprit</title>\n");
    b.append("<link rel=\"stylesheet\" href=\"/assets/culprit.css\">\n");
    for (String s : scripts) {
      b.append("<script defer src=\"").append(escape(s)).append("\"></script>\n");
    }
    b.append("</head>\n<body>\n<nav><a class=\"brand\" href=\"/incidents\">Culprit</a>");
    b.append("<a href=\"/incidents\">Incidents</a><a href=\"/graph\">Entity graph</a></nav>\n");
    b.append("<main>\n<h1>").append(escape(title)).append("</h1>\n");
    b.append(body);
    b.append("</main>\n</body>\n</html>\n");
    return b.toString();
  }

  /** Sends a page with headers that keep it from being framed, cached, sniffed or scripted. */
  static void send(Exchange ex, int status, String html) {
    secure(ex);
    ex.send(status, "text/html; charset=utf-8", html);
  }

  /** The headers of every page and stream. */
  static void secure(Exchange ex) {
    ex.setHeader("Cache-Control", "no-store");
    ex.setHeader("X-Content-Type-Options", "nosniff");
    ex.setHeader("X-Frame-Options", "DENY");
    ex.setHeader("Referrer-Policy", "no-referrer");
    ex.setHeader("Content-Security-Policy", CSP);
  }

  /** A page saying why it cannot be shown. */
  static String problem(String title, String message) {
    return page(title, "<p class=\"problem\">" + escape(message) + "</p>\n", List.of());
  }
}
