package dev.culprit.log;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger writing one JSON object per line: {@code time} (ISO-8601, UTC), {@code level}, {@code
 * logger}, {@code message}, {@code thread} and, with a throwable, {@code exception} (its stack
 * trace as one string).
 */
final class JsonLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient PrintStream out;
  private final Level threshold;

  JsonLogger(String name, Level threshold, PrintStream out) {
    this.name = name;
    this.threshold = threshold;
    this.out = out;
  }

  private boolean enabled(Level level) {
    return threshold != null && level.toInt() >= threshold.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    String line = line(Instant.now(), level, name, message, Thread.currentThread(), throwable);
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  static String line(
      Instant time,
      Level level,
      String logger,
      String message,
      Thread thread,
      Throwable throwable) {
    StringBuilder b = new StringBuilder(160);
    b.append("{\"time\":");
    quote(b, time.toString());
    b.append(",\"level\":");
    quote(b, level.name());
    b.append(",\"logger\":");
    quote(b, logger);
    b.append(",\"message\":");
    quote(b, message);
    b.append(",\"thread\":");
    quote(b, thread.getName());
    if (throwable != null) {
      StringWriter trace = new StringWriter();
      throwable.printStackTrace(new PrintWriter(trace));
      b.append(",\"exception\":");
      quote(b, trace.toString().stripTrailing());
    }
    return b.append('}').toString();
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    String text = s == null ? "null" : s;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
