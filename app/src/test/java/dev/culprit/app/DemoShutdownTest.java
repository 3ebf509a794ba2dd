package dev.culprit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit demo} in a JVM of its own, stopped with SIGTERM mid-run: it prints where its
 * receivers listen, and leaves no broker or state directory in the temporary folder.
 */
class DemoShutdownTest {
  @TempDir Path tmp;

  @Test
  void sigtermRemovesTheTemporaryBrokerDirectory() throws Exception {
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
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("HTTP receivers on http://127.0.0.1:")) {
          break;
        }
      }
      assertThat(tempDirs("culprit-kafka-")).as(String.join("\n", lines)).hasSize(1);
      demo.destroy();
      Thread drain = Thread.ofPlatform().start(() -> out.lines().forEach(lines::add));
      assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
      drain.join(5_000);
    } finally {
      demo.destroyForcibly();
    }
    assertThat(tempDirs("culprit-kafka-")).as(String.join("\n", lines)).isEmpty();
    assertThat(tempDirs("culprit-streams-")).isEmpty();
  }

  private List<Path> tempDirs(String prefix) throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }
}
