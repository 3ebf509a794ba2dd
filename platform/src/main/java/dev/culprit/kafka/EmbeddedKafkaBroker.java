package dev.culprit.kafka;

import dev.culprit.io.Directories;
import dev.culprit.model.Topic;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker running inside this JVM in KRaft combined mode (broker and controller
 * in one server, node id 1), listening on 127.0.0.1 only. By default it keeps records forever
 * ({@code log.retention.ms=-1}) and accepts any record timestamp, because replays produce records
 * with old timestamps and the demo runs ahead of the wall clock; {@link Config#withKafkaDefaults()}
 * starts it with Kafka's own retention and timestamp limits instead, as a user's cluster has them.
 *
 * <p>Start it with {@link #start()} or {@link #start(Config)}, point clients at {@link
 * #bootstrapServers()}, and {@link #close()} it to shut the server down and delete a temporary log
 * directory.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String HOST = "127.0.0.1";
  private static final String CONTROLLER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final Path logDir;
  private final boolean temporaryLogDir;
  private final String bootstrapServers;
  private final Duration timeout;
  private boolean closed;

  private EmbeddedKafkaBroker(
      KafkaRaftServer server,
      Path logDir,
      boolean temporaryLogDir,
      String bootstrapServers,
      Duration timeout) {
    this.server = server;
    this.logDir = logDir;
    this.temporaryLogDir = temporaryLogDir;
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  /**
   * Settings of the embedded broker.
   *
   * @param port the client (PLAINTEXT) port, 0 for a free port
   * @param controllerPort the KRaft controller port, 0 for a free port
   * @param logDir the log directory, kept on close and reused when a previous run formatted it;
   *     null for a temporary directory deleted on close
   * @param brokerProperties extra broker properties, applied last (they override the defaults)
   * @param startupTimeout how long to wait for the broker to answer
   * @param kafkaDefaults whether retention and record timestamp limits are left at Kafka's defaults
   *     (7 days; at most 1 hour ahead of the broker's clock) instead of lifted
   */
  public record Config(
      int port,
      int controllerPort,
      Path logDir,
      Map<String, String> brokerProperties,
      Duration startupTimeout,
      boolean kafkaDefaults) {

    public Config {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Invalid port: " + port);
      }
      if (controllerPort < 0 || controllerPort > 65535) {
        throw new IllegalArgumentException("Invalid controller port: " + controllerPort);
      }
      brokerProperties = brokerProperties == null ? Map.of() : Map.copyOf(brokerProperties);
      startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
      if (startupTimeout.isNegative() || startupTimeout.isZero()) {
        throw new IllegalArgumentException("Invalid startup timeout: " + startupTimeout);
      }
    }

    /** Settings with retention and timestamp limits lifted. */
    public Config(
        int port,
        int controllerPort,
        Path logDir,
        Map<String, String> brokerProperties,
        Duration startupTimeout) {
      this(port, controllerPort, logDir, brokerProperties, startupTimeout, false);
    }

    /** Free ports, a temporary log directory, no extra properties, a 60 s startup timeout. */
    public static Config defaults() {
      return new Config(0, 0, null, Map.of(), Duration.ofSeconds(60));
    }

    /**
     * A broker that keeps its log under {@code dataDir/kafka} across restarts, listens on {@code
     * port} (0: a free port) with a free controller port, and has Kafka's default retention and
     * record timestamp limits, as a cluster of the user's would: what {@code culprit run} without
     * {@code --bootstrap-servers} and {@code culprit broker} start.
     */
    public static Config persistent(Path dataDir, int port) {
      return new Config(port, 0, logDirOf(dataDir), Map.of(), Duration.ofSeconds(60), true);
    }

    /** Where {@link #persistent(Path, int)} keeps the broker's log under {@code dataDir}. */
    public static Path logDirOf(Path dataDir) {
      return dataDir.resolve("kafka");
    }

    /** These settings with Kafka's default retention and record timestamp limits. */
    public Config withKafkaDefaults() {
      return new Config(port, controllerPort, logDir, brokerProperties, startupTimeout, true);
    }
  }

  /** Starts a broker with {@link Config#defaults()}. */
  public static EmbeddedKafkaBroker start() {
    return start(Config.defaults());
  }

  /**
   * Formats storage, starts the server and waits until it answers an Admin {@code describeCluster}.
   *
   * @throws IllegalStateException when the broker cannot be started or does not answer in time
   */
  public static EmbeddedKafkaBroker start(Config config) {
    Objects.requireNonNull(config, "config");
    boolean temporary = config.logDir() == null;
    Path logDir = temporary ? Directories.createTemp("culprit-kafka-") : config.logDir();
    if (!temporary) {
      createDirectories(logDir);
      requireUnlocked(logDir);
    }
    int port = config.port() == 0 ? freePort() : requireFree(config.port());
    int controllerPort = config.controllerPort() == 0 ? freePort() : config.controllerPort();
    KafkaRaftServer server = null;
    try {
      KafkaConfig kafkaConfig =
          new KafkaConfig(BrokerProperties.of(logDir, port, controllerPort, config), false);
      format(kafkaConfig, logDir);
      server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
      server.startup();
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(
              server, logDir, temporary, HOST + ":" + port, config.startupTimeout());
      broker.awaitReady();
      LOG.info("Embedded Kafka broker ready at {} (log dir {})", broker.bootstrapServers, logDir);
      return broker;
    } catch (RuntimeException e) {
      stopQuietly(server);
      if (temporary) {
        Directories.deleteRecursively(logDir);
      }
      throw e;
    }
  }

  /** The {@code host:port} that clients bootstrap from. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker's log directory. */
  public Path logDir() {
    return logDir;
  }

  /** Creates each topic with one partition, replication factor 1 and unlimited retention. */
  public void createTopics(Collection<? extends Topic<?, ?>> topics) {
    createTopics(topics, 1);
  }

  /**
   * Creates each topic with {@code partitions} partitions, replication factor 1 (the broker's
   * default) and unlimited retention. Topics that exist already are left as they are.
   */
  public void createTopics(Collection<? extends Topic<?, ?>> topics, int partitions) {
    KafkaTopics.create(bootstrapServers, topics, partitions, timeout);
  }

  /** A new Admin client for this broker; the caller closes it. */
  public Admin admin() {
    return KafkaTopics.admin(bootstrapServers);
  }

  /** Shuts the server down, waits for it to stop, and deletes a temporary log directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopQuietly(server);
    if (temporaryLogDir) {
      Directories.deleteRecursively(logDir);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    try (Admin admin = admin()) {
      while (deadline - System.nanoTime() > 0) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the embedded broker", e);
    }
    throw new IllegalStateException(
        "Embedded Kafka broker at " + bootstrapServers + " did not answer within " + timeout, last);
  }

  /** Formats a new log directory; one formatted by an earlier run is kept as it is. */
  private static void format(KafkaConfig config, Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try (PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(config.metadataLogDir())
          .setControllerListenerName(CONTROLLER)
          .setHasDynamicQuorum(false)
          .setWriteBootstrapSnapshot(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format Kafka storage in " + logDir, e);
    }
  }

  private static void stopQuietly(KafkaRaftServer server) {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Embedded Kafka broker did not shut down cleanly", e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create the broker's log directory " + dir + ": " + e);
    }
  }

  /**
   * Fails clearly when another broker holds the log directory's lock (Kafka's own error is a fatal
   * startup failure with a stack trace). The lock is taken and released at once: the broker takes
   * it for good as it starts.
   */
  private static void requireUnlocked(Path logDir) {
    Path lock = logDir.resolve(".lock");
    try (FileChannel channel =
            FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.tryLock()) {
      if (held == null) {
        throw new IllegalStateException(inUse(logDir));
      }
    } catch (OverlappingFileLockException e) {
      throw new IllegalStateException(inUse(logDir));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot lock the broker's log directory " + logDir + ": " + e);
    }
  }

  private static String inUse(Path logDir) {
    return "Cannot start the Kafka broker: its log directory "
        + logDir
        + " is in use by another broker (another culprit run or broker on this --data-dir?)";
  }

  /** The port, when nothing listens on it yet; a clear error otherwise. */
  private static int requireFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(HOST), port), 1);
      return port;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot start the Kafka broker on " + HOST + ":" + port + ": the port is in use");
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port", e);
    }
  }
}
