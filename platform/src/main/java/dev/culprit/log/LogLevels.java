package dev.culprit.log;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.event.Level;

/**
 * The level of each logger, read as slf4j-simple reads it, so that JSON logs hold what text logs
 * hold: {@code org.slf4j.simpleLogger.defaultLogLevel} and {@code org.slf4j.simpleLogger.log.NAME}
 * from {@code simplelogger.properties} on the class path, system properties of the same names on
 * top; a logger takes the level of its longest dotted prefix that has one.
 */
final class LogLevels {
  private static final String PREFIX = "org.slf4j.simpleLogger.";
  private static final String LOG = PREFIX + "log.";

  private final Properties settings;

  LogLevels(Properties settings) {
    this.settings = settings;
  }

  /** The levels of {@code simplelogger.properties} and the system properties. */
  static LogLevels fromClassPath() {
    Properties p = new Properties();
    try (InputStream in = LogLevels.class.getResourceAsStream("/simplelogger.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the defaults below
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        p.setProperty(name, System.getProperty(name));
      }
    }
    return new LogLevels(p);
  }

  /** The least severe level {@code logger} logs, or null when it logs nothing. */
  Level threshold(String logger) {
    String name = logger;
    while (true) {
      String v = settings.getProperty(LOG + name);
      if (v != null) {
        return parse(v);
      }
      int dot = name.lastIndexOf('.');
      if (dot < 0) {
        return parse(settings.getProperty(PREFIX + "defaultLogLevel", "info"));
      }
      name = name.substring(0, dot);
    }
  }

  private static Level parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "trace" -> Level.TRACE;
      case "debug" -> Level.DEBUG;
      case "warn" -> Level.WARN;
      case "error" -> Level.ERROR;
      case "off" -> null;
      default -> Level.INFO;
    };
  }
}
