package dev.culprit.notify;

/**
 * Turns a notification into the request body one chat platform accepts. Renderers are pure: no I/O,
 * no clock; they never fail on large incidents but truncate to the platform's limits.
 */
public interface Renderer {
  /** The media type of the body, e.g. {@code application/json}. */
  String contentType();

  /** The request body. */
  byte[] render(Notification n);
}
