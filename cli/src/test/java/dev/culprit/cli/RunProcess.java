package dev.culprit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code culprit run} in a JVM of its own (for tests that kill it), its HTTP port read from its
 * log. The whole log goes to {@code target/run-logs/NAME-HHMMSS.log} for a post-mortem; a start
 * that fails reports the last lines.
 */
record RunProcess(Process process, int port, Path log) {
  private static final String LISTENING = "HTTP receivers on 127.0.0.1:";
  private static final int TAIL = 60;

  /**
   * Writes to {@code dir} the client settings with which a killed instance leaves the group after
   * 10 s rather than Kafka Streams' 45 s, and returns their file, for {@code --kafka-config}.
   */
  static Path fastFailover(Path dir) throws IOException {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "session.timeout.ms=10000\nheartbeat.interval.ms=2000\n");
    return config;
  }

  /**
   * Starts {@code culprit run} against {@code bootstrapServers} with the client settings {@code
   * kafkaConfig}, its state in {@code state}, its HTTP receivers on a free port, no OTLP/gRPC
   * receiver, and the options {@code more}.
   */
  static RunProcess start(
      String name,
      String bootstrapServers,
      Path kafkaConfig,
      Path state,
      List<String> more,
      Duration timeout)
      throws Exception {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--bootstrap-servers",
            bootstrapServers,
            "--kafka-config",
            kafkaConfig.toString(),
            "--state-dir",
            state.toString(),
            "--http-port",
            "0",
            "--otlp-grpc-port",
            "-1"));
    args.addAll(more);
    return start(name, args, timeout);
  }

  /**
   * Starts {@code culprit run ARGS} and waits up to {@code timeout} for its HTTP receivers.
   *
   * @param name the log file's name
   */
  static RunProcess start(String name, List<String> args, Duration timeout) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("--sun-misc-unsafe-memory-access=allow");
    // the log is for post-mortems: Kafka Streams' state changes and rebalances too
    command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams=info");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("run");
    command.addAll(args);
    // one file per start, so that a rerun keeps the log of the one before
    Path log =
        Path.of(
            "target",
            "run-logs",
            name
                + "-"
                + java.time.LocalTime.now().withNano(0).toString().replace(":", "")
                + ".log");
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Deque<String> tail = new ArrayDeque<>();
    Thread.ofPlatform()
        .daemon()
        .name("run-log-" + name)
        .start(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                  var out = Files.newBufferedWriter(log)) {
                String line;
                while ((line = r.readLine()) != null) {
                  out.write(line);
                  out.newLine();
                  out.flush();
                  int at = line.indexOf(LISTENING);
                  if (at >= 0) {
                    port.complete(
                        Integer.parseInt(
                            line.substring(at + LISTENING.length()).replaceAll("\\D.*", "")));
                  }
                  synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                      tail.removeFirst();
                    }
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              synchronized (tail) {
                port.completeExceptionally(
                    new IllegalStateException(
                        "run ended (" + log + "): " + String.join("\n", tail)));
              }
            });
    try {
      return new RunProcess(p, port.get(timeout.toMillis(), TimeUnit.MILLISECONDS), log);
    } catch (TimeoutException e) {
      p.destroyForcibly();
      synchronized (tail) {
        throw new IllegalStateException(
            "run did not listen within " + timeout + " (" + log + "): " + String.join("\n", tail),
            e);
      }
    }
  }

  /**
   * The last {@code max} lines of the log that are not stack frames nor transactional retries, to
   * put in a failure's message (a CI run shows the test's output, not its files).
   */
  String logTail(int max) {
    try {
      List<String> kept =
          Files.readAllLines(log).stream()
              .filter(l -> !l.startsWith("\tat ") && !l.contains("CONCURRENT_TRANSACTIONS"))
              .toList();
      return log
          + ":\n"
          + String.join("\n", kept.subList(Math.max(0, kept.size() - max), kept.size()));
    } catch (IOException e) {
      return log + ": " + e;
    }
  }
}
