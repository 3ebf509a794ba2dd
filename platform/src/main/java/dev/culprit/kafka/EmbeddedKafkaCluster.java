package dev.culprit.kafka;

import dev.culprit.io.Directories;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster of several KRaft nodes inside this JVM, for scale-out and fail-over tests. Every
 * node is a combined broker and controller with its own node id (1 to N), its own free ports on
 * 127.0.0.1 and its own temporary log directory; they share one cluster id and one {@code
 * controller.quorum.voters} list. Topics are replicated: the default replication factor, the
 * offsets and transaction state topics have {@code min(3, N)} replicas and a minimum ISR of {@code
 * min(2, N)}, as {@code exactly_once_v2} asks of a production cluster. Retention and record
 * timestamp limits are lifted as on {@link EmbeddedKafkaBroker}.
 *
 * <p>{@link #stop(int)} stops one node (the others go on); {@link #close()} stops them all and
 * deletes every log directory.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  private static final String HOST = "127.0.0.1";

  private final List<Node> nodes;
  private final Duration timeout;
  private boolean closed;

  private EmbeddedKafkaCluster(List<Node> nodes, Duration timeout) {
    this.nodes = nodes;
    this.timeout = timeout;
  }

  /** One node: its server, ports and log directory. */
  private record Node(int id, KafkaRaftServer server, int port, Path logDir) {}

  /**
   * Formats storage for {@code size} nodes, starts them together (a controller quorum needs a
   * majority to elect a leader) and waits until the cluster reports every broker.
   *
   * @throws IllegalArgumentException when {@code size} is below 1
   * @throws IllegalStateException when a node cannot be started or the cluster does not answer in
   *     {@code timeout}
   */
  public static EmbeddedKafkaCluster start(int size, Duration timeout) {
    if (size < 1) {
      throw new IllegalArgumentException("Invalid cluster size: " + size);
    }
    String clusterId = Uuid.randomUuid().toString();
    int[] ports = new int[size];
    int[] controllerPorts = new int[size];
    for (int i = 0; i < size; i++) {
      ports[i] = freePort();
      controllerPorts[i] = freePort();
    }
    String voters = voters(controllerPorts);
    List<Node> nodes = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    try {
      List<CompletableFuture<Node>> starting = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        int id = i + 1;
        Path dir = Directories.createTemp("culprit-kafka-" + id + "-");
        dirs.add(dir);
        KafkaConfig config =
            new KafkaConfig(properties(id, size, dir, ports[i], controllerPorts[i], voters), false);
        format(config, dir, id, clusterId);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Node node = new Node(id, server, ports[i], dir);
        nodes.add(node);
        starting.add(CompletableFuture.supplyAsync(() -> startup(node)));
      }
      CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(new ArrayList<>(nodes), timeout);
      cluster.awaitBrokers(size);
      LOG.info("Embedded Kafka cluster of {} nodes ready at {}", size, cluster.bootstrapServers());
      return cluster;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopAll(nodes, dirs);
      throw new IllegalStateException("Interrupted while starting the embedded cluster", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      stopAll(nodes, dirs);
      throw new IllegalStateException("Cannot start an embedded cluster of " + size + " nodes", e);
    }
  }

  /** The {@code host:port} list of the nodes still running, for clients to bootstrap from. */
  public synchronized String bootstrapServers() {
    return nodes.stream()
        .filter(n -> n.server() != null)
        .map(n -> HOST + ":" + n.port())
        .collect(Collectors.joining(","));
  }

  /** How many nodes the cluster was started with. */
  public int size() {
    return nodes.size();
  }

  /** A new Admin client for the running nodes; the caller closes it. */
  public Admin admin() {
    return KafkaTopics.admin(bootstrapServers());
  }

  /**
   * Stops node {@code id} (1 to {@link #size()}) and waits until it has shut down; its log
   * directory is kept until {@link #close()}. Stopping a stopped node does nothing.
   */
  public synchronized void stop(int id) {
    if (id < 1 || id > nodes.size()) {
      throw new IllegalArgumentException("Invalid node id: " + id);
    }
    Node node = nodes.get(id - 1);
    if (node.server() != null) {
      stopQuietly(node.server());
      nodes.set(id - 1, new Node(id, null, node.port(), node.logDir()));
    }
  }

  /** Stops every running node and deletes every log directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAll(nodes, nodes.stream().map(Node::logDir).toList());
  }

  private static Node startup(Node node) {
    node.server().startup();
    return node;
  }

  private void awaitBrokers(int size) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    try (Admin admin = admin()) {
      while (deadline - System.nanoTime() > 0) {
        try {
          if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == size) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        "Embedded cluster at " + bootstrapServers() + " did not report " + size + " brokers", last);
  }

  /** One node's broker properties: the single-node ones with its id, the quorum and replication. */
  static Properties properties(
      int id, int size, Path logDir, int port, int controllerPort, String voters) {
    String replicas = String.valueOf(Math.min(3, size));
    String minIsr = String.valueOf(Math.min(2, size));
    Map<String, String> cluster =
        Map.ofEntries(
            Map.entry("node.id", String.valueOf(id)),
            Map.entry("controller.quorum.voters", voters),
            Map.entry("default.replication.factor", replicas),
            Map.entry("min.insync.replicas", minIsr),
            Map.entry("offsets.topic.replication.factor", replicas),
            Map.entry("offsets.topic.num.partitions", "3"),
            Map.entry("transaction.state.log.replication.factor", replicas),
            Map.entry("transaction.state.log.min.isr", minIsr),
            Map.entry("transaction.state.log.num.partitions", "3"),
            Map.entry("share.coordinator.state.topic.replication.factor", replicas),
            Map.entry("share.coordinator.state.topic.min.isr", minIsr));
    EmbeddedKafkaBroker.Config config =
        new EmbeddedKafkaBroker.Config(port, controllerPort, logDir, cluster, null);
    return BrokerProperties.of(logDir, port, controllerPort, config);
  }

  /** {@code 1@127.0.0.1:p1,2@127.0.0.1:p2,...} for the given controller ports. */
  static String voters(int[] controllerPorts) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < controllerPorts.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(i + 1).append('@').append(HOST).append(':').append(controllerPorts[i]);
    }
    return s.toString();
  }

  private static void format(KafkaConfig config, Path logDir, int id, String clusterId) {
    try (PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(id)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(config.metadataLogDir())
          .setControllerListenerName("CONTROLLER")
          .setHasDynamicQuorum(false)
          .setWriteBootstrapSnapshot(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format Kafka storage in " + logDir, e);
    }
  }

  private static void stopAll(List<Node> nodes, List<Path> dirs) {
    nodes.stream()
        .map(Node::server)
        .filter(s -> s != null)
        .map(s -> CompletableFuture.runAsync(() -> stopQuietly(s)))
        .toList()
        .forEach(CompletableFuture::join);
    dirs.forEach(Directories::deleteRecursively);
  }

  private static void stopQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Embedded Kafka node did not shut down cleanly", e);
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
