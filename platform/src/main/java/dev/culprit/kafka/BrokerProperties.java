package dev.culprit.kafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The broker properties of the embedded single-node KRaft server: what one node needs (replication
 * factor 1 everywhere), and unless {@link EmbeddedKafkaBroker.Config#kafkaDefaults()} unlimited
 * retention and any record timestamp accepted.
 */
final class BrokerProperties {
  private BrokerProperties() {}

  static Properties of(
      Path logDir, int port, int controllerPort, EmbeddedKafkaBroker.Config config) {
    String host = "127.0.0.1";
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    if (!config.kafkaDefaults()) {
      p.put("log.retention.ms", "-1");
      p.put("log.retention.bytes", "-1");
      // replays write old event times, the demo runs ahead of the wall clock: accept any timestamp
      p.put("log.message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE));
      p.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
    }
    p.put("log.segment.bytes", String.valueOf(8 * 1024 * 1024));
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    p.put("auto.create.topics.enable", "true");
    p.put("delete.topic.enable", "true");
    p.putAll(config.brokerProperties());
    return p;
  }
}
