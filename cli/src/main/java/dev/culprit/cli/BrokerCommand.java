package dev.culprit.cli;

import dev.culprit.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code culprit broker}: the single-node KRaft broker that {@code culprit run} starts when it is
 * given no cluster, alone, for local development and tests. Its log is kept under {@code
 * --data-dir} (in {@code DIR/kafka}, where {@code run --data-dir DIR} keeps it too).
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a single-node Kafka broker (KRaft, plaintext, 127.0.0.1 only) until stopped, its log"
          + " under --data-dir, kept across restarts."
    })
final class BrokerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = "culprit-data",
      paramLabel = "DIR",
      description = "Where the broker keeps its log, in DIR/kafka (default culprit-data).")
  Path dataDir;

  @Option(
      names = "--port",
      defaultValue = "9092",
      paramLabel = "PORT",
      description = "Client port on 127.0.0.1 (default 9092; 0 for any free port).")
  int port;

  @Mixin LogFormatOption logFormat = new LogFormatOption();

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile String bootstrapServers;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, not " + port);
    }
    Thread hook = new Thread(this::stopAndWait, "culprit-broker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (EmbeddedKafkaBroker broker = start(spec.commandLine(), dataDir, port, "--port")) {
      bootstrapServers = broker.bootstrapServers();
      spec.commandLine()
          .getErr()
          .printf(
              "Kafka broker at %s, its log in %s; Ctrl-C stops it%n",
              broker.bootstrapServers(), broker.logDir());
      stopped.await();
      return 0;
    } finally {
      finished.countDown();
      RunCommand.removeQuietly(hook);
    }
  }

  /**
   * Starts the broker with its log under {@code dataDir}; a port in use is a usage error naming
   * {@code portOption}.
   */
  static EmbeddedKafkaBroker start(CommandLine cli, Path dataDir, int port, String portOption) {
    try {
      return EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Config.persistent(dataDir, port));
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().endsWith("the port is in use")) {
        throw new ParameterException(
            cli, e.getMessage() + "; choose another with " + portOption + " (0: any free port)");
      }
      if (e.getMessage() != null && e.getMessage().contains("is in use by another broker")) {
        throw new ParameterException(cli, e.getMessage());
      }
      throw e;
    }
  }

  /** Asks the running broker to shut down. */
  void stop() {
    stopped.countDown();
  }

  /** The broker's {@code host:port} once it answers, else null. */
  String bootstrapServers() {
    return bootstrapServers;
  }

  private void stopAndWait() {
    stop();
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
