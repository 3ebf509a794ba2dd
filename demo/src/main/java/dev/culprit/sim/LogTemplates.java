package dev.culprit.sim;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The messages the simulated services and nodes log, a handful of templates per service and
 * situation; {@link LogShape} turns them into raw lines.
 */
final class LogTemplates {
  private static final Map<String, List<String>> INFO =
      Map.ofEntries(
          Map.entry(
              "gateway",
              List.of(
                  "%s %s 200 upstream=frontend bytes=%d",
                  "access %s %s status=200 size=%d", "route matched %s %s, weight=%d")),
          Map.entry(
              "frontend",
              List.of(
                  "request complete %s %s session=%d",
                  "rendered page %s %s for session %d",
                  "currency preference USD for %s %s user=%d")),
          Map.entry(
              "checkout",
              List.of(
                  "payment went through %s %s transaction_id=%d",
                  "order placed %s %s order_id=%d", "[%s] %s: prepared order with %d items")),
          Map.entry(
              "cart",
              List.of(
                  "%s %s: cart for user %d loaded",
                  "%s %s: item added to cart of user %d", "%s %s: cart emptied for user %d")),
          Map.entry(
              "catalog",
              List.of(
                  "%s %s: found %d products", "%s %s: product lookup served from cache in %d us")),
          Map.entry(
              "currency",
              List.of(
                  "%s %s: conversion request successful, rate=%d",
                  "%s %s: getting supported currencies (%d)")),
          Map.entry(
              "recommendation",
              List.of("[Recv %s] %s: product_ids=%d", "%s %s: recommending %d products")),
          Map.entry(
              "payment",
              List.of(
                  "%s %s: transaction processed, amount=%d USD",
                  "%s %s: card accepted, last four %d")),
          Map.entry(
              "shipping",
              List.of(
                  "%s %s: quote computed for %d items", "%s %s: shipment created, tracking id %d")),
          Map.entry(
              "email",
              List.of(
                  "%s %s: confirmation sent to customer %d",
                  "%s %s: rendered confirmation template in %d ms")),
          Map.entry(
              "ad",
              List.of("%s %s: received ad request (context_words=%d)", "%s %s: serving %d ads")));

  private static final List<String> EXCEPTIONS =
      List.of(
          "java.lang.NullPointerException: Cannot invoke \"Order.getItems()\" because \"order\" is"
              + " null",
          "java.lang.IllegalStateException: no price for currency code in order",
          "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3",
          "panic: runtime error: invalid memory address or nil pointer dereference",
          "KeyError: 'product_id'");

  private LogTemplates() {}

  /** A message and the stack trace attached to it (null when none). */
  record Line(String message, String stack) {}

  /**
   * The line the handler of {@code operation} writes on completion of every request: one template
   * per operation.
   */
  static String completed(RandomGenerator rng, String service, String operation, String pod) {
    List<String> templates = INFO.getOrDefault(service, INFO.get("frontend"));
    String t = templates.get(Math.floorMod(operation.hashCode(), templates.size()));
    return t.formatted(pod, operation, rng.nextInt(1, 100_000));
  }

  /** An occasional detail line, another template than {@link #completed}. */
  static String detail(RandomGenerator rng, String service, String operation, String pod) {
    List<String> templates = INFO.getOrDefault(service, INFO.get("frontend"));
    int i = Math.floorMod(operation.hashCode(), templates.size()) + 1;
    return templates.get(i % templates.size()).formatted(pod, operation, rng.nextInt(1, 100_000));
  }

  /**
   * The exception a code fault throws: variant {@code variant} (one per fault), a first line as a
   * runtime prints it and a few frames naming the service's handler.
   */
  static Line exception(int variant, String service, String operation) {
    String first = EXCEPTIONS.get(Math.floorMod(variant, EXCEPTIONS.size()));
    String handler = handlerName(service);
    String frames =
        first.startsWith("panic")
            ? "goroutine 1 [running]:\nmain.(*%s).%s(...)\n\t/src/%s/handler.go:%d"
                .formatted(handler, method(operation), service, 80 + variant)
            : "\tat shop.%s.%s.%s(%s.java:%d)\n\tat shop.rpc.Dispatcher.dispatch(Dispatcher.java:57)"
                .formatted(
                    service.replace('-', '_'), handler, method(operation), handler, 100 + variant);
    return new Line(operation + " failed: " + first, first + "\n" + frames);
  }

  private static String handlerName(String service) {
    StringBuilder b = new StringBuilder();
    for (String part : service.split("-")) {
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.append("Handler").toString();
  }

  private static String method(String operation) {
    String m = operation.replaceAll("[^A-Za-z]", "");
    return m.isEmpty() ? "handle" : Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  static String outOfMemory(String operation) {
    return operation + " failed: java.lang.OutOfMemoryError: Java heap space";
  }

  /** Why a call failed, as the caller's rpc client reports it. */
  enum Failure {
    DEADLINE("DeadlineExceeded desc = context deadline exceeded"),
    UPSTREAM("Unavailable desc = upstream request failed"),
    REFUSED("Unavailable desc = connection error: dial tcp: connect: connection refused");

    private final String code;

    Failure(String code) {
      this.code = code;
    }
  }

  static String callFailed(String callee, String operation, Failure failure) {
    return "failed to call " + callee + "/" + operation + ": rpc error: code = " + failure.code;
  }

  static String retry(String callee, String operation, long timeoutMs) {
    return "timeout after "
        + timeoutMs
        + " ms calling "
        + callee
        + "/"
        + operation
        + ", retrying (attempt 2/2)";
  }

  static String slow(String operation, long millis) {
    return "slow request " + operation + " took " + millis + " ms";
  }

  static String redisError(String command) {
    return "-ERR " + command + ": MISCONF Redis is unable to persist to disk, commands disabled";
  }

  static String gcPressure(int percent) {
    return "GC overhead high: heap " + percent + "% used after full GC";
  }

  static String diskPressure(int millis) {
    return "kernel: INFO: task jbd2/sda1-8 blocked for more than " + millis + " ms";
  }

  static String cpuPressure(int percent) {
    return "kubelet[1021]: node cpu pressure, " + percent + "% busy, pods throttled";
  }

  static String memoryPressure(int percent) {
    return "kubelet[1021]: eviction manager: attempting to reclaim memory, available "
        + (100 - percent)
        + "%";
  }

  static String oomKilled(String pod, int pid, long rssKb) {
    return "kernel: Memory cgroup out of memory: Killed process "
        + pid
        + " (java) total-vm:"
        + (rssKb * 3)
        + "kB, anon-rss:"
        + rssKb
        + "kB, pod "
        + pod;
  }

  static String startedUp(String service, int millis) {
    return "Started " + service + " in " + (millis / 1000.0) + " seconds";
  }

  static String redisSave(int pid) {
    return "Background saving started by pid " + pid;
  }
}
