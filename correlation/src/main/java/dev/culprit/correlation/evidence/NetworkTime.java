package dev.culprit.correlation.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The network time of calls between services, read from whole traces, and who is to blame when it
 * grows.
 *
 * <p>A call from one service to another shows as a span in the caller (the client side: from
 * sending the request to reading the answer) whose child is a span in the callee (the server side:
 * from reading the request to sending the answer). The client side's duration minus the server
 * side's is the time the call spent between the two: on the wire, in both network stacks, in
 * proxies. A slower callee makes both sides slower and leaves this difference alone; a slower
 * network at either end grows it. This holds for any tracer and any system, whatever the span kinds
 * say, as long as parent links join the two sides.
 *
 * <p>A network fault of one instance (delay, loss and retransmission, a saturated interface) grows
 * the network time of every edge that touches it, into it and out of it, and of no other edge. So
 * the blame of a slow edge goes to its ends in proportion to how much of each end's traffic is slow
 * ({@link #attribute}): the common endpoint of the slow edges is the suspect, not the caller that
 * merely waits.
 */
final class NetworkTime {
  private NetworkTime() {}

  /** A directed edge of calls between two services. */
  record Edge(String caller, String callee) {}

  /**
   * One call seen from both sides.
   *
   * @param edge who called whom
   * @param clientMicros the caller's span
   * @param serverMicros the callee's span
   */
  record Call(Edge edge, long clientMicros, long serverMicros) {
    /** The time the call spent between the two sides, in milliseconds (never negative). */
    double networkMillis() {
      return Math.max(0, clientMicros - serverMicros) / 1000.0;
    }
  }

  /**
   * The calls of one trace seen from both sides: every span whose parent span is in the trace and
   * ran in another service. Spans without a duration (0, as readers that do not know one give) are
   * left out.
   */
  static List<Call> calls(List<TracePart> parts) {
    Map<String, TracePart> spans = new HashMap<>();
    for (TracePart p : parts) {
      if (!p.isLog() && p.spanId() != null) {
        spans.put(p.spanId(), p);
      }
    }
    List<Call> out = new ArrayList<>();
    for (TracePart server : spans.values()) {
      TracePart client = server.parentSpanId() == null ? null : spans.get(server.parentSpanId());
      if (client == null || client.durationMicros() <= 0 || server.durationMicros() <= 0) {
        continue;
      }
      String caller = client.resource().service();
      String callee = server.resource().service();
      if (caller == null || callee == null || caller.equals(callee)) {
        continue;
      }
      out.add(new Call(new Edge(caller, callee), client.durationMicros(), server.durationMicros()));
    }
    return out;
  }

  /**
   * Splits the scores of slow edges between their ends: an end's share is the fraction of the edges
   * it took part in during the minute ({@code seen}) that were slow, and a slow edge gives each end
   * the score times that end's share of the two ends' fractions. Returns, per service, its
   * strongest share and the edge it came from. An instance whose every edge is slow takes nearly
   * all the blame of each; a caller with one slow callee among many takes little.
   *
   * @param slow the score of every slow edge of the minute
   * @param seen every edge with calls in the minute, slow or not
   */
  static Map<String, Blame> attribute(Map<Edge, Double> slow, Iterable<Edge> seen) {
    Map<String, int[]> touched = new HashMap<>();
    for (Edge e : seen) {
      touched.computeIfAbsent(e.caller(), k -> new int[2])[0]++;
      touched.computeIfAbsent(e.callee(), k -> new int[2])[0]++;
    }
    for (Edge e : slow.keySet()) {
      touched.computeIfAbsent(e.caller(), k -> new int[2])[1]++;
      touched.computeIfAbsent(e.callee(), k -> new int[2])[1]++;
    }
    Map<String, Blame> out = new HashMap<>();
    slow.forEach(
        (e, score) -> {
          double caller = fraction(touched.get(e.caller()));
          double callee = fraction(touched.get(e.callee()));
          double sum = caller + callee;
          give(out, e.caller(), e, score * caller / sum, caller);
          give(out, e.callee(), e, score * callee / sum, callee);
        });
    return out;
  }

  private static double fraction(int[] n) {
    return (double) n[1] / Math.max(n[0], n[1]);
  }

  private static void give(
      Map<String, Blame> out, String service, Edge e, double score, double slowShare) {
    Blame b = out.get(service);
    if (b == null || score > b.score()) {
      out.put(service, new Blame(score, e, slowShare));
    }
  }

  /**
   * A service's share of the blame for slow network time.
   *
   * @param score its strongest share of one slow edge's score
   * @param edge that edge
   * @param slowShare the fraction of the service's edges that were slow
   */
  record Blame(double score, Edge edge, double slowShare) {}
}
