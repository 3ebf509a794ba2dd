package dev.culprit.cli;

import dev.culprit.feedback.FeedbackText;
import dev.culprit.feedback.KafkaFeedbackSink;
import dev.culprit.kafka.KafkaTopics;
import dev.culprit.model.Feedback;
import dev.culprit.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code culprit feedback}: records a person's verdict on an incident in {@code culprit.feedback}.
 */
@Command(
    name = "feedback",
    mixinStandardHelpOptions = true,
    description = {
      "Records that an incident was a false positive, or which entity was its root cause, in the"
          + " culprit.feedback topic that the next model training reads."
    })
final class FeedbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INCIDENT_ID", description = "The incident's id.")
  String incidentId;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Verdict verdict;

  @Option(names = "--note", paramLabel = "TEXT", description = "Free text kept with the verdict.")
  String note;

  @Option(
      names = "--author",
      paramLabel = "NAME",
      description = "Who gives the verdict (default: $USER, else unknown).")
  String author;

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka at HOST:PORT.")
  String bootstrapServers;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "15",
      description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /** Exactly one of the two verdicts. */
  static final class Verdict {
    @Option(
        names = "--false-positive",
        required = true,
        description = "The incident was not a real problem.")
    boolean falsePositive;

    @Option(
        names = "--root-cause",
        required = true,
        paramLabel = "ENTITY",
        description = "The entity at fault: a service, pod or node name.")
    String rootCause;
  }

  @Override
  public Integer call() {
    if (timeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
    }
    Feedback feedback = feedback(System.currentTimeMillis());
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    String problem = record(feedback, timeout);
    if (problem != null) {
      spec.commandLine()
          .getErr()
          .println("culprit feedback: nothing recorded: " + problem.replaceAll("\\s+", " "));
      return 1;
    }
    spec.commandLine()
        .getOut()
        .println("recorded in " + Topics.FEEDBACK.name() + ": " + FeedbackText.describe(feedback));
    return 0;
  }

  /** The feedback the arguments describe; a usage error when they describe none. */
  Feedback feedback(long now) {
    String who = author != null ? author : defaultAuthor(System.getenv());
    try {
      return verdict.falsePositive
          ? Feedback.falsePositive(incidentId, who, note, now)
          : Feedback.rootCause(incidentId, verdict.rootCause, who, note, now);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  static String defaultAuthor(Map<String, String> env) {
    String user = env.get("USER");
    return user == null || user.isBlank() ? "unknown" : user;
  }

  /** Writes the feedback and waits for the ack; returns null when done, else why not. */
  private String record(Feedback feedback, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      KafkaTopics.create(bootstrapServers, List.of(Topics.FEEDBACK), 1, timeout);
      Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000_000L));
      try (KafkaFeedbackSink sink = new KafkaFeedbackSink(bootstrapServers, left)) {
        sink.write(feedback).get(left.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (TimeoutException e) {
      return unreachable(timeout);
    } catch (ExecutionException e) {
      return reason(e.getCause(), timeout);
    } catch (RuntimeException e) {
      return reason(e, timeout);
    }
  }

  private String reason(Throwable e, Duration timeout) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t instanceof org.apache.kafka.common.errors.TimeoutException) {
        return unreachable(timeout);
      }
      root = t;
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return "Kafka at " + bootstrapServers + ": " + message;
  }

  private String unreachable(Duration timeout) {
    return "Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s";
  }
}
