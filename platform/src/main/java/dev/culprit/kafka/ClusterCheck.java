package dev.culprit.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/** Whether a cluster answers, asked once with an Admin {@code describeCluster} and a timeout. */
public final class ClusterCheck {
  private ClusterCheck() {}

  /**
   * Asks the cluster to describe itself.
   *
   * @return null when it answered within {@code timeout}, else why not (the failure's type)
   */
  public static String unreachable(KafkaClients cluster, Duration timeout) {
    try (Admin admin = KafkaTopics.admin(cluster, timeout)) {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes()
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return cause.getClass().getSimpleName();
    } catch (TimeoutException | KafkaException e) {
      return e.getClass().getSimpleName();
    }
  }
}
