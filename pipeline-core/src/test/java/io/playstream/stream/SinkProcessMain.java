package io.playstream.stream;

import io.playstream.objectstore.FileSystemObjectStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A bronze sink alone in a JVM, for tests that kill it hard:
 * {@code SinkProcessMain <bootstrap> <topic> <group> <storeDir>}. Small flushes, so a kill often
 * lands between a flush's uploads and its commit. SIGTERM stops it cleanly.
 */
public final class SinkProcessMain {

    private SinkProcessMain() {
    }

    public static void main(String[] args) {
        SinkConfig config = SinkConfig.defaults(args[1]).withGroupId(args[2])
                .withFlush(400, 256 * 1024, Duration.ofMillis(200))
                .withWriterThreads(2)
                .withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
        // a killed member holds its partitions until its session times out (45 s by default)
        KafkaSettings settings = KafkaSettings.of(args[0]).with("session.timeout.ms", "6000")
                .with("heartbeat.interval.ms", "1000");
        BronzeSink sink = new BronzeSink(settings, config, new FileSystemObjectStore(Path.of(args[3])));
        Runtime.getRuntime().addShutdownHook(new Thread(sink::close, "sink-stop"));
        sink.run();
    }
}
