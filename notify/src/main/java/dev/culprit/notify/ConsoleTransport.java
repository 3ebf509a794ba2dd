package dev.culprit.notify;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Prints the rendered notification, one per line. */
final class ConsoleTransport implements Transport {
  private final PrintStream out;
  private final Renderer renderer;

  ConsoleTransport(PrintStream out, Renderer renderer) {
    this.out = out;
    this.renderer = renderer;
  }

  @Override
  public Attempt send(Notification n) {
    out.println(new String(renderer.render(n), StandardCharsets.UTF_8));
    out.flush();
    return new Attempt.Sent();
  }
}
