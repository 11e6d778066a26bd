package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two sink instances share a topic through their consumer group; one leaves mid-run. */
class SinkGroupIT {

    private static final int EVENTS = 10_000;

    @TempDir
    Path storeDir;

    @Test
    void twoSinksInOneGroupWriteEveryEventOnceEvenWhenOneStopsMidRun() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("group");
        List<byte[]> events = TestEvents.encoded(EVENTS, 6, 31);
        var store = new FileSystemObjectStore(storeDir);
        SinkConfig config = BronzeSinkIT.testConfig(topic).withFlush(500, 1 << 20, Duration.ofMillis(200));
        try (EventPublisher publisher = new EventPublisher(SharedKafkaBroker.settings(),
                PublisherConfig.defaults(topic).withPartitions(4));
                RunningSink second = new RunningSink(new BronzeSink(SharedKafkaBroker.settings(), config, store), "sink-b")) {
            RunningSink first = new RunningSink(new BronzeSink(SharedKafkaBroker.settings(), config, store), "sink-a");
            // Publishing before both have joined would let the first member drain every partition
            // alone, leaving the second nothing to take over.
            Await.until(() -> first.sink().metrics().assignedPartitions() > 0
                    && second.sink().metrics().assignedPartitions() > 0, Duration.ofSeconds(60),
                    () -> "partitions assigned: " + first.sink().metrics().assignedPartitions() + " and "
                            + second.sink().metrics().assignedPartitions());
            publisher.publishRaw(events.subList(0, EVENTS / 2).iterator());
            first.awaitMetrics(m -> m.bronzeLines() > 0, Duration.ofSeconds(60));
            second.awaitMetrics(m -> m.bronzeLines() > 0, Duration.ofSeconds(60));
            first.close(); // leaves the group mid-stream: the other takes over its partitions
            publisher.publishRaw(events.subList(EVENTS / 2, EVENTS).iterator());
            Await.until(() -> StoredLines.eventIdCounts(store).size() >= EVENTS, Duration.ofSeconds(60),
                    () -> StoredLines.eventIdCounts(store).size() + " distinct events in bronze");
        }
        Map<String, Integer> counts = StoredLines.eventIdCounts(store);
        assertThat(counts).hasSize(EVENTS);
        assertThat(counts.values()).containsOnly(1);
    }
}
