package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit demo} in a JVM of its own, stopped with SIGTERM mid-run: it prints where its
 * receivers listen, serves {@code /health} and {@code /metrics} there as {@code run} does, and
 * leaves no broker or state directory in the temporary folder.
 */
class DemoShutdownTest {
  private static final Pattern LISTENING =
      Pattern.compile("^HTTP receivers on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesHealthAndMetricsAndSigtermRemovesTheTemporaryBrokerDirectory() throws Exception {
    Process demo =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo",
                "--duration",
                "600",
                "--http-port",
                "0")
            .redirectErrorStream(true)
            .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int port = -1;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
          break;
        }
      }
      assertThat(port).as(String.join("\n", lines)).isPositive();
      assertThat(tempDirs("culprit-kafka-")).as(String.join("\n", lines)).hasSize(1);
      Thread reading = Thread.ofPlatform().start(() -> out.lines().forEach(lines::add));
      assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
      assertThat(awaitReady(port)).as("/health/ready once the pipeline runs").isEqualTo(200);
      String metrics = get(port, "/metrics").body();
      assertThat(metrics)
          .contains("culprit_http_requests_total{route=\"/health/ready\",status=\"200\"}")
          .contains("kafka_stream_")
          .contains("jvm_memory_used_bytes");
      demo.destroy();
      assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
      reading.join(5_000);
    } finally {
      demo.destroyForcibly();
    }
    assertThat(tempDirs("culprit-kafka-")).as(String.join("\n", lines)).isEmpty();
    assertThat(tempDirs("culprit-streams-")).isEmpty();
  }

  private int awaitReady(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int status = get(port, "/health/ready").statusCode();
    while (status != 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = get(port, "/health/ready").statusCode();
    }
    return status;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<Path> tempDirs(String prefix) throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }
}
