package io.playstream.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.generate.ListenerSimulator;
import io.playstream.generate.SimulatorConfig;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.SharedKafkaBroker;
import io.playstream.stream.StoredLines;
import io.playstream.stream.Topics;
import io.playstream.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code playstream sink} member killed with SIGKILL mid-stream and restarted at once, beside a
 * second member: with static membership (the default) it takes its partitions back without waiting
 * for its old session to time out. Prints how long from the restart until the group had committed
 * everything sent before the kill; {@code -Dplaystream.sink.instance-id=none} runs the same with
 * dynamic membership, for the figure before (RELIABILITY.md).
 */
class SinkMemberRestartIT {

    private static final int PARTITIONS = 4;
    private static final double EVENTS_PER_SECOND = 1_500;
    private static final Pattern ASSIGNED = Pattern.compile("Assigned\\(partitions=\\[\\S");
    private static final Instant UNTIL = Instant.parse("2025-12-10T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aKilledSinkMemberRestartedAtOnceReadsAgainAndBronzeHoldsEveryMessageOnce() throws Exception {
        String bootstrap = SharedKafkaBroker.bootstrapServers();
        String topic = SharedKafkaBroker.uniqueName("restart");
        String group = SharedKafkaBroker.uniqueName("restart-group");
        Topics.ensure(SharedKafkaBroker.settings(), topic, PARTITIONS);
        Path storeDir = Files.createDirectories(dir.resolve("lake"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        String instanceId = System.getProperty("playstream.sink.instance-id", "");
        var store = new FileSystemObjectStore(storeDir);
        SimulatorConfig stream = SimulatorConfig.builder().seed(21).events(10_000_000L).duplicateShare(0.02)
                .timeRange(UNTIL.minus(Duration.ofDays(2)), UNTIL).build();
        try (ChildJvm killed = sinkMember("sink-a", bootstrap, topic, group, storeDir, instanceId, logs);
             ChildJvm other = sinkMember("sink-b", bootstrap, topic, group, storeDir, instanceId, logs);
             PacedProducer producer = new PacedProducer(bootstrap, topic, ListenerSimulator.create(stream).iterator(),
                     EVENTS_PER_SECOND);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            killed.start(ASSIGNED, Duration.ofMinutes(1));
            other.start(Pattern.compile("Sinking "), Duration.ofMinutes(1));
            producer.start();
            Await.until(() -> ASSIGNED.matcher(other.logText()).find() && StoredLines.keys(store, "bronze/").size() >= PARTITIONS,
                    Duration.ofMinutes(1), () -> "both members reading: " + StoredLines.keys(store, "bronze/").size() + " files");

            killed.kill();
            Map<TopicPartition, Long> sentBeforeKill = KafkaCluster.endOffsets(admin, topic, PARTITIONS);
            long restarted = System.nanoTime();
            killed.start(ASSIGNED, Duration.ofMinutes(2));
            double assignedAfter = (System.nanoTime() - restarted) / 1e9;
            Await.until(() -> KafkaCluster.committedPast(admin, group, sentBeforeKill), Duration.ofMinutes(2),
                    () -> "committed " + KafkaCluster.committed(admin, group) + ", sent before the kill " + sentBeforeKill);
            double readingAfter = (System.nanoTime() - restarted) / 1e9;
            System.out.printf("sink-member-restart: membership=%s partitions back %.1f s after the restart, everything"
                    + " sent before the kill committed %.1f s after it%n",
                    instanceId.equals("none") ? "dynamic" : "static", assignedAfter, readingAfter);

            SentLedger sent = producer.stop();
            sent.assertInBronzeExactlyOnce(store, Duration.ofMinutes(2));
            assertThat(killed.stop(Duration.ofSeconds(60))).isIn(0, 143);
            assertThat(other.stop(Duration.ofSeconds(60))).isIn(0, 143);
        }
    }

    private static ChildJvm sinkMember(String name, String bootstrap, String topic, String group, Path storeDir,
                                       String instanceId, Path logs) {
        List<String> options = new ArrayList<>(List.of("--group", group));
        if (!instanceId.isEmpty()) {
            options.addAll(List.of("--instance-id", instanceId));
        }
        return ChildJvm.sinkMember(name, bootstrap, topic, storeDir, options, logs);
    }
}
