package io.playstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real events of the original pipeline in {@code ../shared/fixtures/} (beside the repository).
 * Found by walking up from the working folder, so tests run from any module; the system property
 * {@code playstream.fixtures} overrides it.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixtures folder. */
    public static Path root() {
        String configured = System.getProperty("playstream.fixtures");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/fixtures folder above " + Path.of("").toAbsolutePath()
                + "; set -Dplaystream.fixtures=/path/to/shared/fixtures");
    }

    /** {@code seed-events.ndjson}: 710 events exactly as the original simulator sent them. */
    public static Path seedEvents() {
        return root().resolve("seed-events.ndjson");
    }

    /** The seed events' lines, as raw bytes each. */
    public static List<byte[]> seedEventLines() {
        try {
            return Files.readAllLines(seedEvents(), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isEmpty())
                    .map(line -> line.getBytes(StandardCharsets.UTF_8))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code seed-bucket/}: the same events as the original's consumer laid them out in MinIO. */
    public static Path seedBucket() {
        return root().resolve("seed-bucket");
    }
}
