package dev.culprit.http;

/**
 * A request the server answers with an error status and a message naming what is wrong, say 415 for
 * a content encoding it cannot read or 413 for a body that decodes past the limit.
 */
final class RequestProblem extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  RequestProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
