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
import java.util.function.Predicate;

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
 * <p>Statements also imply one another: when a call that writes {@code A} nearly always writes
 * {@code B} too ({@link #EXPECTED_PRESENCE} of at least {@link #MIN_CALLS} calls that wrote {@code
 * A}), a call that wrote {@code A} but not {@code B} is incomplete as well. This is Nezha's
 * "expected event pair", and it sees what presence alone cannot: a statement in a loop or a branch
 * that only some calls reach (so it is not expected of every call) yet always follows another when
 * it is reached, and a profile whose unconditional presence earlier faults have worn down.
 *
 * <p>Profiles (key: {@code service|parent operation > operation}) count calls, per statement the
 * calls that wrote it, and per pair of statements the calls that wrote both (at most {@link
 * #MAX_PAIRS} pairs). The parent's operation is part of the key because one handler often serves
 * several routes (a single and a batch query) that log differently. Counts halve once calls reach
 * {@link #FORGET_AT}, so a profile follows a changing service.
 */
final class SpanLogProfiles {
  static final double EXPECTED_PRESENCE = 0.9;
  static final long MIN_CALLS = 20;
  static final long FORGET_AT = 2_000;
  static final int MAX_STATEMENTS = 50;
  static final int MAX_PAIRS = 200;
  private static final char PAIR_SEPARATOR = '\n';

  private SpanLogProfiles() {}

  /**
   * What one operation of a service logs.
   *
   * @param calls calls seen (decayed)
   * @param present per statement, the calls that wrote it (decayed)
   * @param together per pair of statements ({@link #pair}), the calls that wrote both (decayed)
   */
  record Profile(long calls, Map<String, Long> present, Map<String, Long> together) {
    Profile {
      present = present == null ? Map.of() : present;
      together = together == null ? Map.of() : together;
    }

    /**
     * Per statement {@code A} written in at least {@link #MIN_CALLS} calls, the statements {@code
     * B} that calls writing {@code A} wrote in at least {@link #EXPECTED_PRESENCE} of them, leaving
     * out statements expected of every call (they are checked anyway).
     */
    Map<String, List<String>> implied() {
      Set<String> always = new HashSet<>(expected());
      Map<String, List<String>> out = new TreeMap<>();
      new TreeMap<>(together)
          .forEach(
              (pair, both) -> {
                int cut = pair.indexOf(PAIR_SEPARATOR);
                String a = pair.substring(0, cut);
                String b = pair.substring(cut + 1);
                imply(a, b, both, always, out);
                imply(b, a, both, always, out);
              });
      return out;
    }

    private void imply(
        String a, String b, long both, Set<String> always, Map<String, List<String>> out) {
      long withA = present.getOrDefault(a, 0L);
      if (withA >= MIN_CALLS && both >= EXPECTED_PRESENCE * withA && !always.contains(b)) {
        out.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
      }
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
   * @param missing an expected statement the call did not write ({@code B after A} when only
   *     implied by a statement {@code A} it wrote), or null when it wrote them all
   */
  record Check(String service, String operation, String missing) {}

  /**
   * Checks each span of a settled trace against its operation's profile as it was before the trace,
   * then teaches the profiles the trace. Only operations that have expected statements are checked.
   */
  static List<Check> checkAndLearn(
      List<TracePart> parts, Function<String, Profile> load, BiConsumer<String, Profile> store) {
    return checkAndLearn(parts, load, store, service -> true);
  }

  /**
   * As {@link #checkAndLearn(List, Function, BiConsumer)}, but incomplete calls at a service for
   * which {@code learnsIncomplete} is false (one in the middle of a fault) are not learned: a fault
   * must not wear down the expectations it breaks.
   */
  static List<Check> checkAndLearn(
      List<TracePart> parts,
      Function<String, Profile> load,
      BiConsumer<String, Profile> store,
      Predicate<String> learnsIncomplete) {
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
    Map<String, Map<String, List<String>>> impliedOf = new HashMap<>();
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
      Map<String, List<String>> implied =
          impliedOf.computeIfAbsent(
              key, k -> before.get(k) == null ? Map.of() : before.get(k).implied());
      Set<String> logged = loggedIn.getOrDefault(span.spanId(), Set.of());
      String missing = null;
      if (!expected.isEmpty() || !implied.isEmpty()) {
        missing = missing(logged, expected, implied);
        out.add(new Check(service, operation, missing));
      }
      if (missing == null || learnsIncomplete.test(service)) {
        calls.computeIfAbsent(key, k -> new ArrayList<>()).add(logged);
      }
    }
    calls.forEach((key, logged) -> store.accept(key, learn(before.get(key), logged)));
    return out;
  }

  /**
   * The first statement expected of every call that the call did not write; else the first
   * statement implied by one it wrote that it did not write; else null.
   */
  private static String missing(
      Set<String> logged, List<String> expected, Map<String, List<String>> implied) {
    for (String statement : expected) {
      if (!logged.contains(statement)) {
        return statement;
      }
    }
    for (Map.Entry<String, List<String>> e : implied.entrySet()) {
      if (logged.contains(e.getKey())) {
        for (String statement : e.getValue()) {
          if (!logged.contains(statement)) {
            return statement + " after " + e.getKey();
          }
        }
      }
    }
    return null;
  }

  /** The key of an unordered pair of statements. */
  static String pair(String a, String b) {
    return a.compareTo(b) < 0 ? a + PAIR_SEPARATOR + b : b + PAIR_SEPARATOR + a;
  }

  private static Profile learn(Profile profile, List<Set<String>> calls) {
    long n = profile == null ? 0 : profile.calls();
    Map<String, Long> present = new HashMap<>(profile == null ? Map.of() : profile.present());
    Map<String, Long> together = new HashMap<>(profile == null ? Map.of() : profile.together());
    for (Set<String> logged : calls) {
      n++;
      List<String> kept = new ArrayList<>();
      for (String statement : logged) {
        if (present.containsKey(statement) || present.size() < MAX_STATEMENTS) {
          present.merge(statement, 1L, Long::sum);
          kept.add(statement);
        }
      }
      for (int i = 0; i < kept.size(); i++) {
        for (int j = i + 1; j < kept.size(); j++) {
          String pair = pair(kept.get(i), kept.get(j));
          if (together.containsKey(pair) || together.size() < MAX_PAIRS) {
            together.merge(pair, 1L, Long::sum);
          }
        }
      }
    }
    if (n >= FORGET_AT) {
      n /= 2;
      present.replaceAll((statement, count) -> count / 2);
      present.values().removeIf(count -> count == 0);
      together.replaceAll((pair, count) -> count / 2);
      together.values().removeIf(count -> count == 0);
    }
    return new Profile(n, present, together);
  }
}
