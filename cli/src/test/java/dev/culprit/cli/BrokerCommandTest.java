package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.kafka.KafkaTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code culprit broker}: a broker that answers and keeps its topics across restarts. */
class BrokerCommandTest {
  @TempDir Path data;

  @Test
  void keepsItsTopicsUnderTheDataDirAcrossRestarts() throws Exception {
    run(admin -> admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get());
    run(admin -> assertThat(admin.listTopics().names().get()).contains("kept"));
    assertThat(data.resolve("kafka/kept-0")).isDirectory();
  }

  @Test
  void aPortOutOfRangeIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BrokerCommand());
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("--data-dir", data.toString(), "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port must be 0 to 65535, not 70000");
  }

  private interface AdminStep {
    void accept(Admin admin) throws Exception;
  }

  private void run(AdminStep step) throws Exception {
    BrokerCommand command = new BrokerCommand();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread.ofPlatform()
        .start(() -> exit.complete(cli.execute("--data-dir", data.toString(), "--port", "0")));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (command.bootstrapServers() == null && System.nanoTime() < deadline && !exit.isDone()) {
      Thread.sleep(50);
    }
    assertThat(command.bootstrapServers()).as(err.toString()).isNotNull();
    assertThat(err.toString()).contains("Kafka broker at " + command.bootstrapServers());
    try (Admin admin = KafkaTopics.admin(command.bootstrapServers())) {
      step.accept(admin);
    } finally {
      command.stop();
    }
    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
  }
}
