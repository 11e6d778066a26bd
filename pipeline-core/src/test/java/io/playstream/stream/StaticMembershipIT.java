package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static members ({@code group.instance.id}) with a session far longer than the test: what a
 * clean stop and a duplicate id do without waiting for any session to time out.
 */
class StaticMembershipIT {

    private static final Duration LONG_SESSION = Duration.ofMinutes(10);
    private static final int PARTITIONS = 4;

    @TempDir
    Path storeDir;

    @Test
    void aStaticMemberThatStopsCleanlyLeavesItsGroupAtOnce() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("static-leave");
        Topics.ensure(SharedKafkaBroker.settings(), topic, PARTITIONS);
        try (RunningSink stays = member(topic, "stays")) {
            RunningSink leaves = member(topic, "leaves");
            Await.until(() -> stays.sink().metrics().assignedPartitions() > 0 && leaves.sink().metrics().assignedPartitions() > 0,
                    Duration.ofSeconds(60), () -> "both members own partitions");
            leaves.close();
            // well within the 10 minute session: the stopped member left instead of waiting to expire
            stays.awaitMetrics(m -> m.assignedPartitions() == PARTITIONS, Duration.ofSeconds(60));
        }
    }

    @Test
    void aSecondLiveMemberWithTheSameIdFencesTheFirstWhichStopsWithAnError() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("static-fence");
        Topics.ensure(SharedKafkaBroker.settings(), topic, PARTITIONS);
        RunningSink first = member(topic, "same-id");
        first.awaitMetrics(m -> m.assignedPartitions() == PARTITIONS, Duration.ofSeconds(60));
        try (RunningSink second = member(topic, "same-id")) {
            Await.until(() -> first.failure().isPresent(), Duration.ofSeconds(60), () -> "the first member still runs");
            assertThat(first.failure()).containsInstanceOf(FencedInstanceIdException.class);
            second.awaitMetrics(m -> m.assignedPartitions() == PARTITIONS, Duration.ofSeconds(60));
        } finally {
            first.sink().close();
        }
    }

    private RunningSink member(String topic, String instanceId) {
        SinkConfig config = BronzeSinkIT.testConfig(topic).withGroupId(topic + "-group")
                .withMembership(GroupMembership.staticMember(instanceId, LONG_SESSION));
        return new RunningSink(new BronzeSink(SharedKafkaBroker.settings(), config, new FileSystemObjectStore(storeDir)),
                "sink-" + instanceId);
    }
}
