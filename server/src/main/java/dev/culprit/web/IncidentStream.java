package dev.culprit.web;

import dev.culprit.http.Exchange;
import dev.culprit.model.Incident;
import dev.culprit.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code GET /api/incidents/events}: server-sent events, an {@code incident} event with an {@link
 * IncidentRow} as JSON for every version the board accepts, a comment every {@link #KEEPALIVE} so
 * that idle connections stay open, and a {@code reload} event when the stream fell behind. It ends
 * when the client goes away or the server stops.
 */
final class IncidentStream {
  static final Duration KEEPALIVE = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofSeconds(1);

  private final IncidentBoard board;
  private volatile boolean stopped;

  IncidentStream(IncidentBoard board) {
    this.board = board;
  }

  void serve(Exchange ex) {
    Html.secure(ex);
    ex.setHeader("X-Accel-Buffering", "no");
    try (IncidentBoard.Subscription sub = board.subscribe();
        OutputStream out = ex.stream(200, "text/event-stream; charset=utf-8")) {
      write(out, "retry: 2000\n: connected\n\n");
      long quiet = 0;
      while (!stopped) {
        Incident i = sub.poll(POLL);
        if (sub.lagged()) {
          write(out, "event: reload\ndata: {}\n\n");
          return;
        }
        if (i != null) {
          String json = Json.mapper().writeValueAsString(IncidentRow.of(i));
          write(out, "event: incident\ndata: " + json + "\n\n");
          quiet = 0;
        } else if ((quiet += POLL.toMillis()) >= KEEPALIVE.toMillis()) {
          write(out, ": keepalive\n\n");
          quiet = 0;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away: the normal end of a stream
    }
  }

  /** Ends every open stream within a second. */
  void stop() {
    stopped = true;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
