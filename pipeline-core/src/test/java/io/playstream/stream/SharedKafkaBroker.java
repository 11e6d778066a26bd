package io.playstream.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded broker per test JVM, started on first use and stopped at JVM exit: a KRaft start
 * costs seconds, so every Kafka test of a module shares it and isolates itself by topic and group
 * names ({@link #uniqueName}). Shipped in core's test-jar for the other modules' tests.
 */
public final class SharedKafkaBroker {

    private static EmbeddedKafkaBroker broker;

    private SharedKafkaBroker() {
    }

    /** The bootstrap servers of the shared broker, starting it if needed. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            Path dataDir = createTempDir();
            broker = new EmbeddedKafkaBroker().start(dataDir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                deleteRecursively(dataDir);
            }, "shared-kafka-broker-stop"));
        }
        return broker.bootstrapServers();
    }

    /** Client settings pointing at the shared broker. */
    public static KafkaSettings settings() {
        return KafkaSettings.of(bootstrapServers());
    }

    /** A topic or group name no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime()) + Integer.toHexString((int) (Math.random() * 4096));
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("playstream-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
