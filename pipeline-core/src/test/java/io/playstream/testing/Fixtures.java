package io.playstream.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The real events of the original pipeline, in the test resources' {@code fixtures/} folder (its
 * README says what they are). Read from the classpath, so every module's tests find them through
 * pipeline-core's test-jar. Callers want plain files (some pass {@code file:} URIs to the app), so
 * when the folder sits inside a jar it is unpacked once into a temporary folder.
 */
public final class Fixtures {

    private static final String FOLDER = "fixtures";
    private static final String MARKER = FOLDER + "/seed-events.ndjson";

    private Fixtures() {
    }

    /** The fixtures folder, as plain files. */
    public static Path root() {
        return Root.PATH;
    }

    /** {@code seed-events.ndjson}: 710 events exactly as the original simulator sent them. */
    public static Path seedEvents() {
        return root().resolve("seed-events.ndjson");
    }

    /** The seed events' lines, as raw bytes each. */
    public static List<byte[]> seedEventLines() {
        return seedEventStrings().stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** The seed events' lines, as text. */
    public static List<String> seedEventStrings() {
        try {
            return Files.readAllLines(seedEvents(), StandardCharsets.UTF_8).stream().filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code seed-bucket/}: the same events as the original's consumer laid them out in MinIO. */
    public static Path seedBucket() {
        return root().resolve("seed-bucket");
    }

    /** Found on first use: a test-classes folder is used as it is, a test-jar's copy is unpacked. */
    private static final class Root {
        static final Path PATH = locate();

        private static Path locate() {
            URL marker = Fixtures.class.getClassLoader().getResource(MARKER);
            if (marker == null) {
                throw new IllegalStateException("no " + MARKER + " on the classpath: pipeline-core's test resources (or its test-jar) are missing");
            }
            try {
                URI uri = marker.toURI();
                if (!"jar".equals(uri.getScheme())) {
                    return Path.of(uri).getParent();
                }
                Path target = Files.createTempDirectory("playstream-fixtures-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(target)));
                // a jar URI reads jar:file:/...tests.jar!/fixtures/...
                String jarPart = uri.getRawSchemeSpecificPart();
                unpack(Path.of(URI.create(jarPart.substring(0, jarPart.indexOf("!/")))), target);
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack the fixtures from " + marker, e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("unreadable fixtures location " + marker, e);
            }
        }

        /** Copies the jar's {@code fixtures/} entries into {@code target}, keeping their relative paths. */
        private static void unpack(Path jarFile, Path target) throws IOException {
            String prefix = FOLDER + "/";
            try (ZipFile jar = new ZipFile(jarFile.toFile())) {
                for (ZipEntry entry : Collections.list(jar.entries())) {
                    if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
                        continue;
                    }
                    Path destination = target.resolve(entry.getName().substring(prefix.length()));
                    Files.createDirectories(destination.getParent());
                    try (InputStream body = jar.getInputStream(entry)) {
                        Files.copy(body, destination);
                    }
                }
            }
        }

        private static void deleteQuietly(Path folder) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary folder is harmless
            }
        }
    }
}
