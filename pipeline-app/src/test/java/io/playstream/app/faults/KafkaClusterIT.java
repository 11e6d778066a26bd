package io.playstream.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.Await;
import io.playstream.stream.KafkaSettings;
import io.playstream.stream.StoredLines;
import io.playstream.stream.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three KRaft nodes ({@code playstream broker}), each in its own JVM, form a cluster with a
 * controller quorum; the topic has three replicas of which two must acknowledge. The node leading
 * the busiest partition is killed with SIGKILL mid-stream while an idempotent {@code acks=all}
 * producer keeps sending and a {@code playstream sink} member keeps reading; it is restarted, and
 * bronze holds every message sent exactly once.
 */
class KafkaClusterIT {

    private static final int NODES = 3;
    private static final int PARTITIONS = 3;
    private static final String TOPIC = "cluster-events";
    private static final double EVENTS_PER_SECOND = 1_000;
    private static final Pattern READY = Pattern.compile("Kafka broker listening on ");
    private static final Pattern ASSIGNED = Pattern.compile("Assigned\\(partitions=\\[\\S");
    private static final List<String> BROKER_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Instant UNTIL = Instant.parse("2025-12-10T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theLeaderOfTheBusiestPartitionKilledAndRestartedLosesAndDuplicatesNoMessage() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        List<Integer> clientPorts = new ArrayList<>();
        List<String> voters = new ArrayList<>();
        for (int id = 1; id <= NODES; id++) {
            clientPorts.add(freePort());
            voters.add(id + "@127.0.0.1:" + freePort());
        }
        String bootstrap = clientPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        Map<Integer, ChildJvm> nodes = new HashMap<>();
        List<AutoCloseable> toClose = new ArrayList<>();
        try {
            for (int id = 1; id <= NODES; id++) {
                ChildJvm node = new ChildJvm("node-" + id, BROKER_JVM, List.of("broker", "--node-id", Integer.toString(id),
                        "--port", Integer.toString(clientPorts.get(id - 1)), "--controller-quorum-voters", String.join(",", voters),
                        "--data-dir", dir.resolve("kafka-" + id).toString()), Map.of(), logs);
                toClose.add(node);
                nodes.put(id, node);
                node.launch(); // a node is ready only once a majority of the quorum runs: start all, then wait
            }
            for (ChildJvm node : nodes.values()) {
                node.awaitLine(READY, Duration.ofMinutes(2));
            }
            Topics.ensure(KafkaSettings.of(bootstrap), TOPIC, PARTITIONS);
            Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
            toClose.add(admin);
            assertThat(describe(admin).partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource topicConfig = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            assertThat(admin.describeConfigs(List.of(topicConfig)).all().get().get(topicConfig)
                    .get("min.insync.replicas").value()).isEqualTo("2");

            Path storeDir = Files.createDirectories(dir.resolve("lake"));
            var store = new FileSystemObjectStore(storeDir);
            ChildJvm sink = ChildJvm.sinkMember("sink", bootstrap, TOPIC, storeDir, List.of(), logs);
            toClose.add(sink);
            sink.start(ASSIGNED, Duration.ofMinutes(1));
            SimulatorConfig stream = SimulatorConfig.builder().seed(3).events(10_000_000L).duplicateShare(0.02)
                    .timeRange(UNTIL.minus(Duration.ofDays(2)), UNTIL).build();
            PacedProducer producer = new PacedProducer(bootstrap, TOPIC, ListenerSimulator.create(stream).iterator(),
                    EVENTS_PER_SECOND).start();
            toClose.add(producer);
            Await.until(() -> StoredLines.keys(store, "bronze/").size() >= PARTITIONS, Duration.ofMinutes(1),
                    () -> StoredLines.keys(store, "bronze/").size() + " bronze files");

            TopicPartition busiest = busiestPartition(admin);
            int leader = leaderOf(admin, busiest);
            nodes.get(leader).kill();
            long killed = System.nanoTime();
            Await.until(() -> leaderOrNone(admin, busiest) != leader, Duration.ofMinutes(1),
                    () -> busiest + " still led by the killed node " + leader);
            double newLeaderAfter = (System.nanoTime() - killed) / 1e9;
            long acknowledgedAtKill = producer.acknowledged();
            Await.until(() -> producer.acknowledged() > acknowledgedAtKill + 2 * EVENTS_PER_SECOND, Duration.ofMinutes(1),
                    () -> "sends acknowledged by two of three nodes: " + (producer.acknowledged() - acknowledgedAtKill));
            long restarted = System.nanoTime();
            nodes.get(leader).start(READY, Duration.ofMinutes(2));
            Await.until(() -> describe(admin).partitions().stream().allMatch(p -> p.isr().size() == NODES),
                    Duration.ofMinutes(2), () -> "in-sync replicas " + isr(admin));
            double inSyncAfter = (System.nanoTime() - restarted) / 1e9;
            System.out.printf("kafka-cluster: killed node %d (leader of %s); a new leader after %.1f s; restarted, in sync"
                    + " again %.1f s after the restart%n", leader, busiest, newLeaderAfter, inSyncAfter);

            SentLedger sent = producer.stop();
            sent.assertInBronzeExactlyOnce(store, Duration.ofMinutes(2));
            sink.assertAlive();
            assertThat(sink.stop(Duration.ofSeconds(60))).isIn(0, 143);
        } finally {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                toClose.get(i).close();
            }
        }
    }

    private static TopicDescription describe(Admin admin) {
        try {
            return admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
        } catch (Exception e) {
            throw new AssertionError("cannot describe " + TOPIC, e);
        }
    }

    private static TopicPartition busiestPartition(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .max(Comparator.comparingLong(e -> e.getValue().offset())).orElseThrow().getKey();
    }

    private static int leaderOf(Admin admin, TopicPartition partition) {
        int leader = leaderOrNone(admin, partition);
        assertThat(leader).as("leader of %s", partition).isPositive();
        return leader;
    }

    private static int leaderOrNone(Admin admin, TopicPartition partition) {
        TopicPartitionInfo info = describe(admin).partitions().get(partition.partition());
        return info.leader() == null || info.leader().isEmpty() ? -1 : info.leader().id();
    }

    private static Map<Integer, Integer> isr(Admin admin) {
        return describe(admin).partitions().stream().collect(Collectors.toMap(TopicPartitionInfo::partition, p -> p.isr().size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
