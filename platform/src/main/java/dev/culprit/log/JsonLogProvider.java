package dev.culprit.log;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of {@code --log-format json}: loggers writing one JSON object per line to
 * standard error, at the levels slf4j-simple would use ({@link LogLevels}). Chosen through the
 * {@code slf4j.provider} system property by {@link LogFormat#select}, so that text logs stay with
 * slf4j-simple.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
  private ILoggerFactory factory;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    factory = new Factory(LogLevels.fromClassPath(), System.err);
  }

  /** One logger per name, each with its level. */
  static final class Factory implements ILoggerFactory {
    private final LogLevels levels;
    private final PrintStream out;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    Factory(LogLevels levels, PrintStream out) {
      this.levels = levels;
      this.out = out;
    }

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, n -> new JsonLogger(n, levels.threshold(n), out));
    }
  }
}
