package dev.culprit.http;

import java.io.IOException;
import java.net.BindException;
import java.util.Locale;

/**
 * A receiver could not listen because its address is taken (another process, or another Culprit,
 * listens there already).
 */
public final class PortInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String receiver;

  /**
   * @param receiver what could not listen, say {@code OTLP/gRPC}
   * @param address the address it was to listen on
   * @param port the port it was to listen on
   */
  PortInUseException(String receiver, String address, int port, Throwable cause) {
    super(receiver + " port " + address + ":" + port + " is already in use", cause);
    this.receiver = receiver;
  }

  /** What could not listen: {@code HTTP} or {@code OTLP/gRPC}. */
  public String receiver() {
    return receiver;
  }

  /**
   * Whether {@code e} (or one of its causes) is a failure to bind an address that is taken: a
   * {@link BindException}, or Netty's native {@code bind(..) failed: Address already in use}.
   */
  static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (t instanceof BindException
          || message != null && message.toLowerCase(Locale.ROOT).contains("already in use")) {
        return true;
      }
    }
    return false;
  }
}
