package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.culprit.model.Incident;
import dev.culprit.model.Json;
import dev.culprit.replay.TestDatasets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit replay --notify slack:URL} against a local server that checks every body is Block
 * Kit within Slack's limits, fails some requests (500, 429 with Retry-After), and records what it
 * accepted: one message per incident opened, one per resolution, material updates in between, each
 * exactly once and in order per incident.
 */
class ReplayNotifyIT {
  @TempDir Path tmp;

  @Test
  void replayDeliversEachIncidentsMessagesOnceAndInOrderDespiteFailures() throws Exception {
    Path dir = TestDatasets.dir().resolve("fault-alerts-ob-cloudbed-1");
    assumeTrue(Files.isDirectory(dir), "dataset not found at " + dir + ": skipping");
    List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          int n = requests.incrementAndGet();
          byte[] body = ex.getRequestBody().readAllBytes();
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          int status = 200;
          if (n == 3) {
            status = 500;
          } else if (n == 7) {
            status = 429;
            ex.getResponseHeaders().add("Retry-After", "1");
          } else {
            String problem = slackProblem(body);
            if (problem != null) {
              problems.add(key + ": " + problem);
              status = 400;
            } else {
              accepted.add(key + " " + header(body));
            }
          }
          byte[] answer = (status == 200 ? "ok" : "no").getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, answer.length);
          ex.getResponseBody().write(answer);
          ex.close();
        });
    server.start();
    Path incidentsOut = tmp.resolve("incidents.jsonl");
    try {
      StringWriter err = new StringWriter();
      var cli = Main.commandLine();
      cli.setOut(new PrintWriter(new StringWriter()));
      cli.setErr(new PrintWriter(err));
      int code =
          cli.execute(
              "replay",
              "--dataset",
              "fault-alerts",
              "--path",
              dir.toString(),
              "--quiet",
              "--incidents-out",
              incidentsOut.toString(),
              "--notify",
              "slack:http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
              "--notify-rate",
              "1000");
      assertThat(code).as(err.toString()).isZero();
      assertThat(err.toString()).contains("0 given up");
    } finally {
      server.stop(0);
    }
    assertThat(problems).isEmpty();
    Map<String, Incident> last = new LinkedHashMap<>();
    for (String line : Files.readAllLines(incidentsOut)) {
      Incident i = Json.mapper().readValue(line, Incident.class);
      last.merge(i.id(), i, (a, b) -> b.version() >= a.version() ? b : a);
    }
    List<String> keys = accepted.stream().map(a -> a.substring(0, a.indexOf(' '))).toList();
    assertThat(keys).doesNotHaveDuplicates();
    long opened = accepted.stream().filter(a -> a.contains("Incident opened")).count();
    long resolved = accepted.stream().filter(a -> a.contains("Incident resolved")).count();
    assertThat(opened).isEqualTo(last.size());
    assertThat(resolved)
        .isEqualTo(
            last.values().stream().filter(i -> i.status() == Incident.Status.RESOLVED).count());
    // per incident, versions arrive in increasing order, the first one being the opening
    Map<String, Integer> lastVersion = new LinkedHashMap<>();
    for (String a : accepted) {
      String key = a.substring(0, a.indexOf(' '));
      String id = key.substring(0, key.lastIndexOf("/v"));
      int version = Integer.parseInt(key.substring(key.lastIndexOf("/v") + 2));
      Integer before = lastVersion.put(id, version);
      if (before == null) {
        assertThat(a).contains("Incident opened");
      } else {
        assertThat(version).isGreaterThan(before);
      }
    }
    assertThat(requests.get()).isEqualTo(accepted.size() + 2);
  }

  /** Why a body is not valid Block Kit for an incoming webhook, or null. */
  private static String slackProblem(byte[] body) {
    try {
      JsonNode root = Json.mapper().readTree(body);
      if (!root.path("text").isTextual()) {
        return "no fallback text";
      }
      JsonNode blocks = root.path("blocks");
      if (!blocks.isArray() || blocks.isEmpty() || blocks.size() > 50) {
        return "blocks missing or more than 50";
      }
      if (!"header".equals(blocks.get(0).path("type").asText())
          || blocks.get(0).path("text").path("text").asText().length() > 150) {
        return "no header of at most 150 characters";
      }
      for (JsonNode b : blocks) {
        if ("section".equals(b.path("type").asText())
            && b.path("text").path("text").asText().length() > 3000) {
          return "a section over 3,000 characters";
        }
      }
      return null;
    } catch (java.io.IOException e) {
      return "not JSON: " + e.getMessage();
    }
  }

  private static String header(byte[] body) {
    try {
      return Json.mapper().readTree(body).path("blocks").get(0).path("text").path("text").asText();
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
