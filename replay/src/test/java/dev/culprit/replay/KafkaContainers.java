package dev.culprit.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka containers for integration tests. The image is {@code -Dculprit.kafka.image}, by default
 * {@code culprit-local/kafka:<kafka-clients version>} as {@code deploy/build-images.sh} builds it
 * from the Kafka jars, declared compatible with {@code apache/kafka}. Ports are published on
 * 127.0.0.1 only. Where Docker is not available, or the local image has not been built, the calling
 * test is skipped with a message saying which.
 */
public final class KafkaContainers {
  private static final String LOCAL_PREFIX = "culprit-local/";

  private KafkaContainers() {}

  /** The image integration tests run Kafka from. */
  public static String image() {
    String configured = System.getProperty("culprit.kafka.image");
    return configured == null || configured.isBlank()
        ? LOCAL_PREFIX + "kafka:" + clientVersion()
        : configured;
  }

  /** The version of the Kafka clients on the class path, as their jar records it. */
  private static String clientVersion() {
    try (InputStream in =
        KafkaContainers.class.getResourceAsStream("/kafka/kafka-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "latest");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a single-node Kafka container, or skips the calling test when that is impossible. */
  public static KafkaContainer startOrSkip() {
    assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(),
        "Docker is not available (no engine answers on DOCKER_HOST or /var/run/docker.sock):"
            + " skipping the Kafka container test");
    String image = image();
    assumeTrue(
        !image.startsWith(LOCAL_PREFIX) || present(image),
        "image "
            + image
            + " is not built: run deploy/build-images.sh, or pass -Dculprit.kafka.image=IMAGE;"
            + " skipping the Kafka container test");
    KafkaContainer kafka =
        new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"))
            .withCreateContainerCmdModifier(KafkaContainers::publishOnLoopback);
    kafka.start();
    return kafka;
  }

  private static boolean present(String image) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Publishes every exposed port on a random port of 127.0.0.1 rather than of every address. */
  static void publishOnLoopback(CreateContainerCmd cmd) {
    ExposedPort[] exposed = cmd.getExposedPorts();
    PortBinding[] bindings =
        Arrays.stream(exposed == null ? new ExposedPort[0] : exposed)
            .map(p -> new PortBinding(Ports.Binding.bindIp("127.0.0.1"), p))
            .toArray(PortBinding[]::new);
    cmd.getHostConfig().withPublishAllPorts(false).withPortBindings(bindings);
  }
}
