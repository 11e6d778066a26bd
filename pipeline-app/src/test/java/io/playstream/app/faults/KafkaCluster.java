package io.playstream.app.faults;

import io.playstream.stream.KafkaSettings;
import io.playstream.stream.Topics;
import java.nio.file.Path;
import java.time.Duration;
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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Three KRaft nodes ({@code playstream broker}), each in its own JVM, with a three-voter controller
 * quorum: started together, a node killed with SIGKILL and restarted on its port and folder, and
 * what the faults need to know about the topic (its busiest partition, leaders, in-sync replicas).
 */
final class KafkaCluster implements AutoCloseable {

    static final int NODES = 3;
    private static final Pattern READY = Pattern.compile("Kafka broker listening on ");
    /** Generous: on a machine shared with other builds a node has taken over two minutes to start (starved of CPU). */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final List<String> BROKER_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Map<Integer, ChildJvm> nodes = new HashMap<>();
    private final String bootstrap;
    private final Admin admin;

    private KafkaCluster(Path dir, Path logs, String host) {
        List<Integer> clientPorts = new ArrayList<>();
        List<String> voters = new ArrayList<>();
        for (int id = 1; id <= NODES; id++) {
            clientPorts.add(RestartablePorts.next());
            voters.add(id + "@" + host + ":" + RestartablePorts.next());
        }
        bootstrap = clientPorts.stream().map(p -> host + ":" + p).collect(Collectors.joining(","));
        for (int id = 1; id <= NODES; id++) {
            ChildJvm node = new ChildJvm("node-" + id, BROKER_JVM, List.of("broker", "--node-id", Integer.toString(id),
                    "--host", host, "--port", Integer.toString(clientPorts.get(id - 1)), "--controller-quorum-voters", String.join(",", voters),
                    "--data-dir", dir.resolve("kafka-" + id).toString()), Map.of(), logs);
            nodes.put(id, node);
            node.launch(); // a node is ready only once a majority of the quorum runs: start all, then wait
        }
        try {
            for (ChildJvm node : nodes.values()) {
                node.awaitLine(READY, START_TIMEOUT);
            }
        } catch (RuntimeException | Error e) {
            nodes.values().forEach(ChildJvm::close);
            throw e;
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Starts the three nodes on 127.0.0.1 and waits until each one listens. */
    static KafkaCluster start(Path dir, Path logs) {
        return start(dir, logs, "127.0.0.1");
    }

    /** As {@link #start(Path, Path)}, listening on (and advertising) {@code host}, one of this machine's addresses. */
    static KafkaCluster start(Path dir, Path logs, String host) {
        return new KafkaCluster(dir, logs, host);
    }

    String bootstrap() {
        return bootstrap;
    }

    Admin admin() {
        return admin;
    }

    KafkaSettings settings() {
        return KafkaSettings.of(bootstrap);
    }

    /** Creates {@code topic} as the app would (three replicas, two in sync to acknowledge). */
    void ensureTopic(String topic, int partitions) {
        Topics.ensure(settings(), topic, partitions);
    }

    ChildJvm node(int id) {
        return nodes.get(id);
    }

    /** Restarts a killed node on its port and folder and waits until it listens. */
    void restart(int id) {
        nodes.get(id).start(READY, START_TIMEOUT);
    }

    TopicDescription describe(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (Exception e) {
            throw new AssertionError("cannot describe " + topic, e);
        }
    }

    /** The partition of {@code topic} holding the most messages. */
    TopicPartition busiestPartition(String topic, int partitions) {
        return endOffsets(admin, topic, partitions).entrySet().stream()
                .max(Comparator.comparingLong(Map.Entry::getValue)).orElseThrow().getKey();
    }

    /** The node leading {@code partition}, or -1 while it has none. */
    int leaderOrNone(TopicPartition partition) {
        TopicPartitionInfo info = describe(partition.topic()).partitions().get(partition.partition());
        return info.leader() == null || info.leader().isEmpty() ? -1 : info.leader().id();
    }

    /** Whether every partition of {@code topic} has all three replicas in sync. */
    boolean fullyInSync(String topic) {
        return describe(topic).partitions().stream().allMatch(p -> p.isr().size() == NODES);
    }

    /** In-sync replicas per partition, for a failure message. */
    Map<Integer, Integer> inSyncReplicas(String topic) {
        return describe(topic).partitions().stream().collect(Collectors.toMap(TopicPartitionInfo::partition, p -> p.isr().size()));
    }

    /** The end offset of each partition of {@code topic}: where the next message sent will go. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try {
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new AssertionError("cannot read the end offsets of " + topic, e);
        }
    }

    /** The offsets {@code group} has committed: the next offset each partition's member reads. */
    static Map<TopicPartition, Long> committed(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new AssertionError("cannot read the offsets of group " + group, e);
        }
    }

    /** Whether {@code group} has committed every partition at least up to {@code ends}. */
    static boolean committedPast(Admin admin, String group, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> committed = committed(admin, group);
        return ends.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        nodes.values().forEach(ChildJvm::close);
    }
}
