package dev.culprit.web;

import dev.culprit.feedback.FeedbackLinks;
import dev.culprit.http.Exchange;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Who may read the pages. Without a bearer token, anyone who reaches the server. With one: a
 * request carrying it as {@code Authorization: Bearer}, as the cookie {@value #COOKIE} or as the
 * query parameter {@code token} (which then sets the cookie, so a person opens {@code
 * /incidents?token=...} once); and an incident page opened from a chat message's signed link
 * ({@code exp} and {@code sig}, as the feedback links carry), for that incident only.
 */
final class WebAccess {
  static final String COOKIE = "culprit_token";

  private final String token;
  private final FeedbackLinks links;

  /**
   * @param token the server's bearer token, or null for open pages
   * @param links how chat links are signed
   */
  WebAccess(String token, FeedbackLinks links) {
    this.token = token;
    this.links = links;
  }

  /** Whether links carry signatures, so pages must put proofs in the links they make. */
  FeedbackLinks links() {
    return links;
  }

  /**
   * Whether the request may read a page ({@code incident}: the incident it shows, or null); sets
   * the cookie when the token came as a query parameter.
   */
  boolean allows(Exchange ex, Map<String, String> query, String incident) {
    if (token == null || bearer(ex) || same(cookie(ex))) {
      return true;
    }
    if (same(query.get("token"))) {
      ex.setHeader(
          "Set-Cookie",
          COOKIE
              + "="
              + URLEncoder.encode(token, StandardCharsets.UTF_8)
              + "; Path=/; HttpOnly; SameSite=Strict");
      return true;
    }
    return incident != null
        && links.signs()
        && links.check(incident, query.get("exp"), query.get("sig")) == FeedbackLinks.Check.VALID;
  }

  /** Answers 401 with a page saying how to get in. */
  static void refuse(Exchange ex) {
    ex.setHeader("WWW-Authenticate", "Bearer");
    Html.send(
        ex,
        401,
        Html.problem(
            "Sign-in needed",
            "This Culprit server has a bearer token: open the page once with ?token=TOKEN"
                + " (it is then kept in a cookie), or follow the link in a chat message."));
  }

  private boolean bearer(Exchange ex) {
    String header = ex.header("Authorization");
    return header != null && header.startsWith("Bearer ") && same(header.substring(7));
  }

  private boolean same(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(
            candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  /** The value of the cookie {@value #COOKIE}, decoded, or null. */
  static String cookie(Exchange ex) {
    String header = ex.header("Cookie");
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String p = part.strip();
      if (p.startsWith(COOKIE + "=")) {
        try {
          return URLDecoder.decode(p.substring(COOKIE.length() + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }
}
