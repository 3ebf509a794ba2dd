package dev.culprit.ingest.faultalerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.ingest.dataset.EventTimes;
import dev.culprit.model.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Log alert entries, {@code [component, template_id, [raw lines], count, representative_or_null]}:
 * an alert named {@code log template <id>} about the component, labelled {@code template_id},
 * {@code count} and {@code source=log}, annotated with the representative (else first) line.
 *
 * <p>The entries carry no timestamp. The raw lines start with one in the export's local clock
 * ({@code 2022-03-20 08:42:51.000 | message}); the alert's time is the earliest of them. Without
 * any, it is the fault's start time. Severity is ERROR when a line looks like an error (an error,
 * exception, failure, timeout or refusal word, a traceback header or a stack-trace frame), else
 * WARNING.
 */
final class LogAlerts implements EntryMapper {
  private static final Pattern STAMP =
      Pattern.compile(
          "^\\s*(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?)\\s*\\|?");
  private static final Pattern ERROR =
      Pattern.compile(
          "(?i)\\b(error|errors|exception|traceback|fatal|panic|critical|fail|failed|failure"
              + "|refused|timeout|timed out|unavailable)\\b|most recent call last|^\\s*File \""
              + "|^\\s*at [\\w$.]+\\(");

  private final KnowledgeGraph graph;
  private final Clock clock;
  private final Map<String, Long> faultStarts;

  LogAlerts(KnowledgeGraph graph, Clock clock, Map<String, Long> faultStarts) {
    this.graph = graph;
    this.clock = clock;
    this.faultStarts = Map.copyOf(faultStarts);
  }

  @Override
  public Alert map(JsonNode entry, String faultId) {
    Entries.array(entry, 3);
    String component = Entries.text(entry, 0);
    String template = Entries.text(entry, 1);
    List<String> lines = lines(entry.get(2));
    String count = count(entry, lines.size());
    String representative = Entries.optionalText(entry, 4);
    String shown =
        representative != null ? representative : lines.isEmpty() ? "" : lines.getFirst();
    long time = time(lines, faultId);
    return new Alert(
        graph.resource(component, null),
        time,
        time,
        "log|" + component + "|" + template,
        "log template " + template,
        lines.stream().anyMatch(l -> looksLikeError(message(l)))
            ? Alert.Severity.ERROR
            : Alert.Severity.WARNING,
        Alert.Status.FIRING,
        Map.of("template_id", template, "count", count, "source", "log"),
        shown.isEmpty() ? Map.of() : Map.of("line", shown));
  }

  private static List<String> lines(JsonNode node) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException("raw lines are not an array: " + node);
    }
    List<String> lines = new ArrayList<>(node.size());
    node.forEach(l -> lines.add(l.asText()));
    return lines;
  }

  private static String count(JsonNode entry, int lines) {
    String count = Entries.optionalText(entry, 3);
    if (count == null) {
      return Integer.toString(lines);
    }
    if (!EventTimes.isNumber(count)) {
      throw new IllegalArgumentException("Invalid count: " + count);
    }
    return count;
  }

  private long time(List<String> lines, String faultId) {
    OptionalLong earliest = lines.stream().map(this::stamp).flatMapToLong(o -> o.stream()).min();
    if (earliest.isPresent()) {
      return earliest.getAsLong();
    }
    Long start = faultId == null ? null : faultStarts.get(faultId);
    if (start == null) {
      throw new IllegalArgumentException("no time in the lines and no label for fault " + faultId);
    }
    return start;
  }

  private OptionalLong stamp(String line) {
    Matcher m = STAMP.matcher(line);
    if (!m.find()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(clock.millis(m.group(1).replace(',', '.')));
    } catch (IllegalArgumentException e) {
      return OptionalLong.empty();
    }
  }

  private static String message(String line) {
    Matcher m = STAMP.matcher(line);
    return m.find() ? line.substring(m.end()) : line;
  }

  /** Whether a log message reads like an error. */
  static boolean looksLikeError(String message) {
    return ERROR.matcher(message).find();
  }
}
