package dev.culprit.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * How a write to Kafka ended, as an HTTP answer: null when acknowledged; 413 when the record can
 * never be written (larger than the producer or the topic accepts), so that senders do not retry
 * it; 503 for what a retry may fix (no broker, no acknowledgement within the timeout).
 *
 * @param status the HTTP status to answer
 * @param message why the write failed
 */
public record WriteOutcome(int status, String message) {

  /**
   * Starts a write and waits for it, the start included, at most {@code timeout} in all; returns
   * null once it is acknowledged, else how it failed.
   */
  public static WriteOutcome await(Supplier<CompletableFuture<Void>> write, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      CompletableFuture<Void> started = write.get();
      started.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WriteOutcome(503, "interrupted while writing to Kafka");
    } catch (TimeoutException e) {
      return new WriteOutcome(
          503, "could not write to Kafka: no acknowledgement within " + timeout);
    } catch (ExecutionException e) {
      return failed(e.getCause());
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  private static WriteOutcome failed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RecordTooLargeException) {
        return new WriteOutcome(413, "too large to write to Kafka: " + t.getMessage());
      }
    }
    return new WriteOutcome(503, "could not write to Kafka: " + e.getMessage());
  }
}
