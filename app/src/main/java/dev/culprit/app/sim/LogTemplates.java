package dev.culprit.app.sim;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Log lines the simulated services write, a handful of templates per service and situation. */
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
          "%s %s failed: java.lang.IllegalStateException: unexpected null in order %d",
          "%s %s failed: java.lang.NullPointerException at line %d",
          "%s %s failed: java.sql.SQLTransientConnectionException: pool exhausted after %d ms");

  private LogTemplates() {}

  static String info(RandomGenerator rng, String service, String operation, String pod) {
    List<String> templates = INFO.getOrDefault(service, INFO.get("frontend"));
    return Rand.pick(rng, templates).formatted(pod, operation, rng.nextInt(1, 100_000));
  }

  static String exception(RandomGenerator rng, String service, String operation) {
    return Rand.pick(rng, EXCEPTIONS).formatted(service, operation, rng.nextInt(1, 10_000));
  }

  static String outOfMemory(String operation) {
    return operation + " failed: java.lang.OutOfMemoryError: Java heap space";
  }

  static String callFailed(String callee, String operation, boolean deadline) {
    String code =
        deadline
            ? "DeadlineExceeded desc = context deadline exceeded"
            : "Unavailable desc = upstream request failed";
    return "failed to call " + callee + "/" + operation + ": rpc error: code = " + code;
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
    return "kubelet: node cpu pressure, " + percent + "% busy, pods throttled";
  }

  static String redisSave(int pid) {
    return "Background saving started by pid " + pid;
  }
}
