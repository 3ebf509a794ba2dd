package dev.culprit.notify;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A secret (webhook URL or token) given literally, as {@code env:NAME} or as {@code file:/path}.
 * {@link #toString()} never shows the value: a literal URL shows as its scheme and host followed by
 * {@code …(redacted)}, others by where they come from.
 */
public final class Secret {
  private final String value;
  private final String shown;

  private Secret(String value, String shown) {
    this.value = value;
    this.shown = shown;
  }

  /**
   * Resolves {@code text}: {@code env:NAME} reads the variable from {@code env}, {@code file:/path}
   * reads the file (trimmed), anything else is the literal secret.
   *
   * @throws IllegalArgumentException with a message that never contains the secret
   */
  static Secret resolve(String text, Map<String, String> env) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("missing URL or secret");
    }
    if (text.startsWith("env:")) {
      String name = text.substring(4);
      String v = env.get(name);
      if (name.isBlank() || v == null || v.isBlank()) {
        throw new IllegalArgumentException("environment variable " + name + " is not set");
      }
      return new Secret(v.trim(), "env:" + name);
    }
    if (text.startsWith("file:")) {
      String path = text.substring(5);
      try {
        String v = Files.readString(Path.of(path), StandardCharsets.UTF_8).trim();
        if (v.isEmpty()) {
          throw new IllegalArgumentException("secret file " + path + " is empty");
        }
        return new Secret(v, "file:" + path);
      } catch (IOException | RuntimeException e) {
        if (e instanceof IllegalArgumentException iae) {
          throw iae;
        }
        throw new IllegalArgumentException("cannot read secret file " + path);
      }
    }
    return new Secret(text.trim(), redactLiteral(text.trim()));
  }

  /**
   * The secret {@code text} names ({@code env:NAME}, {@code file:PATH} or literal), read from the
   * process environment: for a key Culprit uses itself, such as the feedback-link secret.
   *
   * @throws IllegalArgumentException with a message that never contains the secret
   */
  public static String reveal(String text) {
    return resolve(text, System.getenv()).value();
  }

  /** The secret itself: only for sending. */
  String value() {
    return value;
  }

  /** {@code message} with every occurrence of the secret replaced. */
  String scrub(String message) {
    return message == null ? "" : message.replace(value, "(redacted)");
  }

  private static String redactLiteral(String text) {
    try {
      URI u = URI.create(text);
      if (u.getScheme() != null && u.getHost() != null) {
        return u.getScheme() + "://" + u.getHost() + "/…(redacted)";
      }
    } catch (IllegalArgumentException e) {
      // not a URL: show nothing of it
    }
    return "(redacted)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value) && s.shown.equals(shown);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, shown);
  }

  @Override
  public String toString() {
    return shown;
  }
}
