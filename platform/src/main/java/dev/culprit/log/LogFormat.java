package dev.culprit.log;

import java.util.Locale;

/**
 * {@code --log-format text|json}: text through slf4j-simple (the default), or one JSON object per
 * line through {@link JsonLogProvider}. The choice has to be made before the first logger is asked
 * for, so {@link #select} reads it from the raw arguments at the very start of {@code main}; the
 * commands' option then only validates and documents it.
 */
public final class LogFormat {
  /** The SLF4J system property naming the provider class. */
  static final String PROVIDER_PROPERTY = "slf4j.provider";

  private static final String OPTION = "--log-format";

  private LogFormat() {}

  /** Uses JSON logs when {@code args} ask for {@code --log-format json}; else leaves logging be. */
  public static void select(String[] args) {
    if ("json".equals(requested(args))) {
      System.setProperty(PROVIDER_PROPERTY, JsonLogProvider.class.getName());
      // SLF4J's own note that it loaded the provider named would be a line of plain text
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
  }

  /** The value of the last {@code --log-format} in {@code args}, lower case, or null. */
  static String requested(String[] args) {
    String value = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      if (args[i].equals(OPTION) && i + 1 < args.length) {
        value = args[i + 1];
      } else if (args[i].startsWith(OPTION + "=")) {
        value = args[i].substring(OPTION.length() + 1);
      }
    }
    return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
  }
}
