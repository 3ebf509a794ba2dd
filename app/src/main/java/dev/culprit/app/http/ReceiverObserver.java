package dev.culprit.app.http;

import java.util.List;

/**
 * What the HTTP receivers report about their work, for metrics. The methods run on request threads
 * and must return quickly.
 */
public interface ReceiverObserver {
  /** Reports nothing. */
  ReceiverObserver NONE = new ReceiverObserver() {};

  /**
   * A request was answered.
   *
   * @param route the path when the server serves it, else {@code other} (so that the set of routes
   *     stays bounded whatever clients ask for)
   * @param status the HTTP status sent, 0 when no answer could be sent
   */
  default void answered(String route, int status) {}

  /**
   * An accepted payload held items that could not be read; they reach {@code culprit.dlq}.
   *
   * @param reasons why each item was left out
   */
  default void deadLettered(String route, List<String> reasons) {}
}
