package dev.ticketing.kafka;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker in KRaft mode (one combined broker and controller), started in the test JVM by
 * Kafka's own test kit on first use and stopped when the JVM ends. No external service: a failure
 * to start fails the test.
 */
final class KafkaBroker {

  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static volatile KafkaClusterTestKit cluster;

  private KafkaBroker() {}

  /** The bootstrap servers of the running broker, starting it first if needed. */
  static synchronized String bootstrapServers() {
    if (cluster == null) {
      try {
        KafkaClusterTestKit c =
            new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(Files.createTempDirectory("ticketing-kafka-"))
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        c.format();
        c.startup();
        c.waitForReadyBrokers();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(c)));
        cluster = c;
      } catch (Exception e) {
        throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
      }
    }
    return cluster.bootstrapServers();
  }

  private static void closeQuietly(KafkaClusterTestKit c) {
    try {
      c.close();
    } catch (Exception e) {
      // the JVM is ending
    }
  }

  /** Fresh public and staff topics of {@code partitions} partitions each, as settings. */
  static KafkaEventSettings freshTopics(int partitions) {
    String base =
        "t" + TOPICS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    KafkaEventSettings s =
        KafkaEventSettings.defaults()
            .withPublicTopic(base + ".events")
            .withStaffTopic(base + ".events.staff")
            .withSendTimeout(Duration.ofSeconds(20));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(s.publicTopic(), partitions, (short) 1),
                  new NewTopic(s.staffTopic(), partitions, (short) 1)))
          .all()
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("could not create topics", e);
    }
    return s;
  }

  /** Producer settings for the test broker. */
  static Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers());
    return config;
  }

  /** Every record of {@code topic} from the beginning, partition by partition in offset order. */
  static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Set<TopicPartition> done = new java.util.HashSet<>();
      while (done.size() < partitions.size() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        for (TopicPartition tp : partitions) {
          if (consumer.position(tp) >= end.get(tp)) {
            done.add(tp);
          }
        }
      }
      if (done.size() < partitions.size()) {
        throw new IllegalStateException("could not read " + topic + " to its end");
      }
      out.sort(
          java.util.Comparator.<ConsumerRecord<String, byte[]>>comparingInt(r -> r.partition())
              .thenComparingLong(ConsumerRecord::offset));
      return out;
    }
  }
}
