package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.kafka.EmbeddedKafkaCluster;
import dev.culprit.model.Incident;
import dev.culprit.model.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code culprit run} instances, each in a JVM of its own with the same application id, on a
 * three-node in-JVM cluster, with alerts of eight scopes ({@code --scope-label tenant}) chosen so
 * that every partition of the scope repartition topic holds two. Both instances own scope
 * partitions; one is killed with SIGKILL after the first half of the alerts; the survivor takes all
 * the work over, and every scope has exactly one incident, its own service as the top root cause,
 * with no incident version written twice (read committed).
 */
class ScaleOutTest {
  private static final String APP = "scale-out";
  private static final int PARTITIONS = 4;
  private static final String BY_SCOPE = APP + "-incidents-by-scope-v1-repartition";
  private static final int MINUTES = 5;
  private static final List<String> NAMES =
      List.of("HighErrorRate", "HighLatency", "PodRestarting", "QueueBacklog", "Saturation");

  private final HttpClient http = HttpClient.newHttpClient();
  private final long base = Instant.now().getEpochSecond() / 60 * 60 - 30 * 60;
  private int fingerprint;

  @TempDir Path dir;

  @Test
  void twoInstancesShareTheScopesAndTheSurvivorOfAKillLosesNoIncident() throws Exception {
    List<String> early = scopes(0);
    List<String> late = scopes(1);
    Path config = RunProcess.fastFailover(dir);
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3, Duration.ofSeconds(90))) {
      CompletableFuture<RunProcess> startingA = startAsync(cluster, config, dir.resolve("a"));
      CompletableFuture<RunProcess> startingB = startAsync(cluster, config, dir.resolve("b"));
      RunProcess a = startingA.get(150, TimeUnit.SECONDS);
      RunProcess b = startingB.get(150, TimeUnit.SECONDS);
      try {
        run(cluster, a, b, early, late);
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage()
                + "\nThe survivor's log, "
                + b.logTail(80)
                + "\nThe killed one's, "
                + a.logTail(30),
            e);
      } finally {
        a.process().destroyForcibly();
        b.process().destroy();
        b.process().waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  private void run(
      EmbeddedKafkaCluster cluster,
      RunProcess a,
      RunProcess b,
      List<String> early,
      List<String> late)
      throws Exception {
    try (Admin admin = cluster.admin()) {
      List<Set<Integer>> owned = awaitScopePartitions(admin, 2);
      assertThat(owned).as("scope partitions per instance").allMatch(s -> !s.isEmpty());

      for (int minute = 0; minute < MINUTES; minute++) {
        for (int s = 0; s < early.size(); s++) {
          post((s + minute) % 2 == 0 ? a : b, early.get(s), minute);
        }
      }
      awaitUncommittedIncident(cluster);
      a.process().destroyForcibly();
      assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

      for (int minute = MINUTES; minute < 2 * MINUTES; minute++) {
        for (String scope : early) {
          post(b, scope, minute);
        }
        for (String scope : late) {
          post(b, scope, minute);
        }
      }
      assertThat(awaitScopePartitions(admin, 1))
          .as("the survivor owns every scope partition")
          .containsExactly(Set.of(0, 1, 2, 3));
    }
    List<String> all = new ArrayList<>(early);
    all.addAll(late);
    try {
      check(incidentsByScope(cluster, all), all);
    } catch (AssertionError e) {
      // the scope repartition topic is purged as it is committed: the evidence topic shows what
      // reached the incident stage
      dump(
          cluster, Topics.EVIDENCE.name(), Path.of("target", "run-logs", "scale-out-evidence.txt"));
      dump(cluster, Topics.ALERTS.name(), Path.of("target", "run-logs", "scale-out-alerts.txt"));
      throw e;
    }
  }

  /**
   * Writes every committed record of {@code topic} (partition, offset, time, key, value) to a file.
   */
  private static void dump(EmbeddedKafkaCluster cluster, String topic, Path file) {
    try (var consumer = consumer(cluster, "scale-out-dump-" + topic, "read_committed");
        var out = Files.newBufferedWriter(file)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(300))) {
          out.write(
              r.partition()
                  + "@"
                  + r.offset()
                  + " "
                  + Instant.ofEpochMilli(r.timestamp())
                  + " "
                  + (r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                  + " "
                  + new String(r.value(), StandardCharsets.UTF_8)
                      .replaceAll("[^\\x20-\\x7e]", "."));
          out.newLine();
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void check(Map<String, List<Incident>> byScope, List<String> all) {
    assertThat(byScope.keySet()).containsExactlyInAnyOrderElementsOf(all);
    for (String scope : all) {
      List<Incident> versions = byScope.get(scope);
      assertThat(versions.stream().map(Incident::id).distinct())
          .as("incidents of " + scope)
          .hasSize(1);
      assertThat(versions.stream().map(Incident::version))
          .as("versions of " + scope + " written once each")
          .doesNotHaveDuplicates();
      Incident last = versions.getLast();
      assertThat(last.rootCauses()).as("root causes of " + scope).isNotEmpty();
      assertThat(last.rootCauses().getFirst().service()).isEqualTo(service(scope));
    }
  }

  /**
   * One scope name per partition of the scope repartition topic: the {@code k}-th name (in {@code
   * tenant-0}, {@code tenant-1}, …) that the default partitioner puts there.
   */
  private static List<String> scopes(int k) {
    Map<Integer, List<String>> byPartition = new TreeMap<>();
    for (int i = 0;
        byPartition.size() < PARTITIONS
            || byPartition.values().stream().anyMatch(l -> l.size() <= k);
        i++) {
      String name = "tenant-" + i;
      int partition =
          Utils.toPositive(Utils.murmur2(name.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
      byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(name);
    }
    return byPartition.values().stream().map(l -> l.get(k)).toList();
  }

  private static String service(String scope) {
    return "svc-" + scope;
  }

  private void post(RunProcess app, String scope, int minute) {
    String name = NAMES.get(minute % NAMES.size());
    String body =
        """
        {"version":"4","status":"firing","alerts":[{"status":"firing",
         "labels":{"alertname":"%s","severity":"critical","service":"%s","pod":"%s-0",
          "tenant":"%s"},"annotations":{},"startsAt":"%s",
         "endsAt":"0001-01-01T00:00:00Z","fingerprint":"%016x"}]}
        """
            .formatted(
                name,
                service(scope),
                service(scope),
                scope,
                Instant.ofEpochSecond(base + minute * 60L),
                ++fingerprint);
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + app.port() + "/api/v1/alerts"))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(20))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    } catch (java.io.IOException e) {
      throw new AssertionError("webhook to " + app.port() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Waits until the Streams group has {@code members} members and each owns partitions of the scope
   * repartition topic; returns the partitions each owns.
   */
  private static List<Set<Integer>> awaitScopePartitions(Admin admin, int members)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    List<Set<Integer>> owned = List.of();
    while (System.nanoTime() < deadline) {
      ConsumerGroupDescription group;
      try {
        group = admin.describeConsumerGroups(List.of(APP)).all().get().get(APP);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
        // no instance has joined yet
        Thread.sleep(500);
        continue;
      }
      owned = group.members().stream().map(ScaleOutTest::scopePartitions).toList();
      if (owned.size() == members
          && owned.stream().allMatch(s -> !s.isEmpty())
          && owned.stream().mapToInt(Set::size).sum() == PARTITIONS) {
        return owned;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("group " + APP + " never had " + members + " owners: " + owned);
  }

  private static Set<Integer> scopePartitions(MemberDescription m) {
    return m.assignment().topicPartitions().stream()
        .filter(tp -> tp.topic().equals(BY_SCOPE))
        .map(TopicPartition::partition)
        .collect(Collectors.toSet());
  }

  /** Waits until an incident is on {@code culprit.incidents}, committed or not: mid-stream. */
  private static void awaitUncommittedIncident(EmbeddedKafkaCluster cluster) {
    try (var consumer = consumer(cluster, "scale-out-watch", "read_uncommitted")) {
      consumer.subscribe(List.of(Topics.INCIDENTS.name()));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (System.nanoTime() < deadline) {
        if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
          return;
        }
      }
    }
    throw new AssertionError("no incident before the kill");
  }

  /**
   * Reads {@code culprit.incidents} committed until every scope has an incident whose top root
   * cause is its own service and 10 s pass with nothing new; versions in the order written.
   */
  private static Map<String, List<Incident>> incidentsByScope(
      EmbeddedKafkaCluster cluster, List<String> scopes) {
    Map<String, List<Incident>> byScope = new HashMap<>();
    Set<String> done = new HashSet<>();
    try (var consumer = consumer(cluster, "scale-out-check", "read_committed")) {
      consumer.subscribe(List.of(Topics.INCIDENTS.name()));
      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (var r : records) {
          Incident i = Topics.INCIDENTS.valueSerde().deserializer().deserialize("", r.value());
          byScope.computeIfAbsent(i.scope(), s -> new ArrayList<>()).add(i);
          if (!i.rootCauses().isEmpty()
              && i.rootCauses().getFirst().service().equals(service(i.scope()))) {
            done.add(i.scope());
          }
        }
        if (!records.isEmpty()) {
          quietSince = System.nanoTime();
        } else if (done.containsAll(scopes)
            && System.nanoTime() - quietSince > Duration.ofSeconds(10).toNanos()) {
          break;
        }
      }
    }
    return byScope;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(
      EmbeddedKafkaCluster cluster, String group, String isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static CompletableFuture<RunProcess> startAsync(
      EmbeddedKafkaCluster cluster, Path config, Path state) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return start(cluster, config, state);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** {@code culprit run} in its own JVM against the cluster. */
  private static RunProcess start(EmbeddedKafkaCluster cluster, Path config, Path state)
      throws Exception {
    return RunProcess.start(
        "scale-out-" + state.getFileName(),
        cluster.bootstrapServers(),
        config,
        state,
        List.of(
            "--application-id",
            APP,
            "--partitions",
            String.valueOf(PARTITIONS),
            "--scope-label",
            "tenant"),
        Duration.ofSeconds(150));
  }
}
