package dev.culprit.correlation.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Which log statements each operation of a service writes on nearly every call, learnt from traces,
 * and the calls that went without one.
 *
 * <p>Many code faults do not add anything to the telemetry: a method throws early or returns a
 * wrong value, and the log lines the rest of it would write never come (the Nezha study, FSE 2023,
 * finds most of its "exception" faults this way). Counting a statement's share of all log lines
 * misses this whenever the workload mix moves; tying log lines to the span they were written in
 * does not. A log line names its span, so for every settled trace each span's operation is checked
 * against the statements that operation writes in at least {@link #EXPECTED_PRESENCE} of its calls
 * (once it has {@link #MIN_CALLS}); the call is <em>incomplete</em> when one is missing.
 *
 * <p>Profiles (key: {@code service|parent operation > operation}) count calls and, per statement,
 * the calls that wrote it. The parent's operation is part of the key because one handler often
 * serves several routes (a single and a batch query) that log differently. Counts halve once calls
 * reach {@link #FORGET_AT}, so a profile follows a changing service.
 */
final class SpanLogProfiles {
  static final double EXPECTED_PRESENCE = 0.9;
  static final long MIN_CALLS = 20;
  static final long FORGET_AT = 2_000;
  static final int MAX_STATEMENTS = 50;

  private SpanLogProfiles() {}

  /**
   * What one operation of a service logs.
   *
   * @param calls calls seen (decayed)
   * @param present per statement, the calls that wrote it (decayed)
   */
  record Profile(long calls, Map<String, Long> present) {
    Profile {
      present = present == null ? Map.of() : present;
    }

    /**
     * Statements written in at least {@link #EXPECTED_PRESENCE} of calls, once there are enough.
     */
    List<String> expected() {
      if (calls < MIN_CALLS) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      new TreeMap<>(present)
          .forEach(
              (statement, n) -> {
                if (n >= EXPECTED_PRESENCE * calls) {
                  out.add(statement);
                }
              });
      return out;
    }
  }

  /**
   * One call checked against its operation's profile.
   *
   * @param service the called service
   * @param operation the operation, after its parent's ({@code parent > operation}) when the trace
   *     has the parent
   * @param missing an expected statement the call did not write, or null when it wrote them all
   */
  record Check(String service, String operation, String missing) {}

  /**
   * Checks each span of a settled trace against its operation's profile as it was before the trace,
   * then teaches the profiles the trace. Only operations that have expected statements are checked.
   */
  static List<Check> checkAndLearn(
      List<TracePart> parts, Function<String, Profile> load, BiConsumer<String, Profile> store) {
    Map<String, Set<String>> loggedIn = new HashMap<>();
    Map<String, String> operationOf = new HashMap<>();
    for (TracePart p : parts) {
      if (p.spanId() == null) {
        continue;
      }
      if (p.isLog()) {
        loggedIn.computeIfAbsent(p.spanId(), k -> new HashSet<>()).add(p.template());
      } else if (p.operation() != null) {
        operationOf.put(p.spanId(), p.operation());
      }
    }
    Map<String, Profile> before = new HashMap<>();
    Map<String, List<String>> expectedOf = new HashMap<>();
    Map<String, List<Set<String>>> calls = new LinkedHashMap<>();
    List<Check> out = new ArrayList<>();
    for (TracePart span : parts) {
      String service = span.resource().service();
      if (span.isLog() || span.spanId() == null || service == null || span.operation() == null) {
        continue;
      }
      String parent = span.parentSpanId() == null ? null : operationOf.get(span.parentSpanId());
      String operation = parent == null ? span.operation() : parent + " > " + span.operation();
      String key = service + "|" + operation;
      List<String> expected =
          expectedOf.computeIfAbsent(
              key,
              k -> {
                Profile profile = load.apply(k);
                before.put(k, profile);
                return profile == null ? List.of() : profile.expected();
              });
      Set<String> logged = loggedIn.getOrDefault(span.spanId(), Set.of());
      if (!expected.isEmpty()) {
        String missing = null;
        for (String statement : expected) {
          if (!logged.contains(statement)) {
            missing = statement;
            break;
          }
        }
        out.add(new Check(service, operation, missing));
      }
      calls.computeIfAbsent(key, k -> new ArrayList<>()).add(logged);
    }
    calls.forEach((key, logged) -> store.accept(key, learn(before.get(key), logged)));
    return out;
  }

  private static Profile learn(Profile profile, List<Set<String>> calls) {
    long n = profile == null ? 0 : profile.calls();
    Map<String, Long> present = new HashMap<>(profile == null ? Map.of() : profile.present());
    for (Set<String> logged : calls) {
      n++;
      for (String statement : logged) {
        if (present.containsKey(statement) || present.size() < MAX_STATEMENTS) {
          present.merge(statement, 1L, Long::sum);
        }
      }
    }
    if (n >= FORGET_AT) {
      n /= 2;
      present.replaceAll((statement, count) -> count / 2);
      present.values().removeIf(count -> count == 0);
    }
    return new Profile(n, present);
  }
}
