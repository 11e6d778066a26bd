package io.playstream.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.StoredLines;
import io.playstream.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
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

    private static final int PARTITIONS = 3;
    private static final String TOPIC = "cluster-events";
    private static final double EVENTS_PER_SECOND = 1_000;
    private static final Pattern ASSIGNED = Pattern.compile("Assigned\\(partitions=\\[\\S");
    private static final Instant UNTIL = Instant.parse("2025-12-10T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theLeaderOfTheBusiestPartitionKilledAndRestartedLosesAndDuplicatesNoMessage() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path storeDir = Files.createDirectories(dir.resolve("lake"));
        var store = new FileSystemObjectStore(storeDir);
        SimulatorConfig stream = SimulatorConfig.builder().seed(3).events(10_000_000L).duplicateShare(0.02)
                .timeRange(UNTIL.minus(Duration.ofDays(2)), UNTIL).build();
        try (KafkaCluster cluster = KafkaCluster.start(dir, logs)) {
            cluster.ensureTopic(TOPIC, PARTITIONS);
            assertThat(cluster.describe(TOPIC).partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource topicConfig = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            assertThat(cluster.admin().describeConfigs(List.of(topicConfig)).all().get().get(topicConfig)
                    .get("min.insync.replicas").value()).isEqualTo("2");
            try (ChildJvm sink = ChildJvm.sinkMember("sink", cluster.bootstrap(), TOPIC, storeDir, List.of(), logs);
                 PacedProducer producer = new PacedProducer(cluster.bootstrap(), TOPIC,
                         ListenerSimulator.create(stream).iterator(), EVENTS_PER_SECOND)) {
                sink.start(ASSIGNED, Duration.ofMinutes(1));
                producer.start();
                Await.until(() -> StoredLines.keys(store, "bronze/").size() >= PARTITIONS, Duration.ofMinutes(1),
                        () -> StoredLines.keys(store, "bronze/").size() + " bronze files");

                LeaderKill kill = LeaderKill.ofBusiestPartition(cluster, TOPIC, PARTITIONS, producer, EVENTS_PER_SECOND);
                System.out.println("kafka-cluster: " + kill);

                SentLedger sent = producer.stop();
                sent.assertInBronzeExactlyOnce(store, Duration.ofMinutes(2));
                sink.assertAlive();
                assertThat(sink.stop(Duration.ofSeconds(60))).isIn(0, 143);
            }
        }
    }
}
