package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink's promise under the worst stop there is: SIGKILL at random points, then restart. */
class SinkCrashRecoveryIT {

    private static final int EVENTS = 12_000;
    private static final int KILLS = 5;

    @TempDir
    Path storeDir;

    @Test
    void killingTheSinkHardAtRandomPointsLosesNoEventAndDuplicatesNone() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("crash");
        String group = SharedKafkaBroker.uniqueName("crash-group");
        List<byte[]> events = TestEvents.encoded(EVENTS, 8, 23);
        var store = new FileSystemObjectStore(storeDir);
        Random random = new Random(23);
        try (EventPublisher publisher = new EventPublisher(SharedKafkaBroker.settings(),
                PublisherConfig.defaults(topic).withPartitions(3))) {
            int published = 0;
            for (int kill = 0; kill < KILLS; kill++) {
                // more events arrive while the sink is down and while it runs
                int next = published + EVENTS / (KILLS + 1);
                publisher.publishRaw(events.subList(published, next).iterator());
                published = next;
                int filesBefore = StoredLines.keys(store, "bronze/").size();
                Process sink = startSink(topic, group);
                try {
                    // kill it while it works: once it has written a file, at a random moment after
                    Await.until(() -> StoredLines.keys(store, "bronze/").size() > filesBefore, Duration.ofSeconds(60),
                            () -> "no new bronze file from the sink started at kill " + filesBefore);
                    Thread.sleep(random.nextInt(1_000));
                } finally {
                    sink.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
            publisher.publishRaw(events.subList(published, EVENTS).iterator());
        }
        // the killed sinks did store files, so the last one resumes mid-stream rather than from scratch
        int storedBeforeLastStart = StoredLines.eventIdCounts(store).size();
        assertThat(storedBeforeLastStart).isPositive().isLessThan(EVENTS);
        Process last = startSink(topic, group);
        try {
            Await.until(() -> StoredLines.eventIdCounts(store).size() >= EVENTS, Duration.ofSeconds(90),
                    () -> StoredLines.eventIdCounts(store).size() + " distinct events in bronze");
        } finally {
            last.destroy(); // SIGTERM: a clean stop
            last.waitFor(60, TimeUnit.SECONDS);
        }
        Map<String, Integer> counts = StoredLines.eventIdCounts(store);
        assertThat(counts).hasSize(EVENTS);
        assertThat(counts.entrySet()).filteredOn(e -> e.getValue() != 1).isEmpty();
        assertThat(StoredLines.bronze(store)).hasSize(EVENTS);
    }

    private Process startSink(String topic, String group) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SinkProcessMain.class.getName(),
                SharedKafkaBroker.bootstrapServers(), topic, group, storeDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
