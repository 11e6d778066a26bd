package io.playstream.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.testing.ScratchPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL load holds no batch whole: rows stream through COPY, and rejected lines wait in a
 * buffer that spills to a file. Proved by behaviour: a batch many times the size of the heap loads
 * in a child JVM whose heap is capped, and rejected lines past the buffer keep their order, numbers
 * and bytes.
 */
class PostgresBoundedLoadIT {

    private static final Instant HOUR = Instant.parse("2025-12-01T15:00:00Z");
    /**
     * The child's heap. About 20 MB of it goes to the JDBC drivers on the test class path (the
     * Snowflake driver's jar index alone); the batch below has 60 MB of rejected lines, which as
     * strings held until their COPY took about 110 MB.
     */
    private static final String CHILD_HEAP = "-Xmx64m";

    @TempDir
    Path temp;
    private ScratchPostgres database;
    private FileSystemObjectStore store;

    @BeforeEach
    void createDatabase() {
        database = ScratchPostgres.create("playstream_bounded");
        store = new FileSystemObjectStore(temp.resolve("store"));
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void rejectedLinesPastTheInMemoryBufferKeepTheirOrderNumbersAndBytes() {
        List<String> lines = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> events = BronzeFiles.events(0, 30_000, HOUR);
        long rejectedBytes = 0;
        for (int i = 0; rejectedBytes <= 3L * CopyTextWriter.FLUSH_AT; i++) {
            if (i % 3 == 0) {
                lines.add(events.get(i / 3));
                continue;
            }
            // COPY's escapes (tab, backslash) and a character past ASCII cross the spill too
            String line = "not json " + (lines.size() + 1) + "\tback\\slash é " + "x".repeat(i % 97);
            lines.add(line);
            rejected.add(lines.size() + "|" + line);
            rejectedBytes += line.length();
        }
        BronzeFiles.put(store, BronzeFiles.key(0, HOUR).value(), lines);

        LoadResult result = new BronzeLoader(database.warehouse(), store).load();

        assertThat(result.rejectedLines()).isEqualTo(rejected.size());
        assertThat(result.rows()).isEqualTo(lines.size() - rejected.size());
        assertThat(database.column("select line_number || '|' || raw_line from bronze._rejected_lines"
                + " order by line_number")).containsExactlyElementsOf(rejected);
    }

    @Test
    void aBatchSeveralTimesTheHeapLoadsInAJvmWithASmallHeap() throws Exception {
        int events = 60_000;
        BronzeFiles.put(store, BronzeFiles.key(0, HOUR).value(), BronzeFiles.events(0, events, HOUR));
        // 60 MB of lines that are not JSON, all rejected: every one of them goes to _rejected_lines whole
        int notJson = 640_000;
        String padding = "y".repeat(90);
        BronzeFiles.put(store, BronzeFiles.key(events, HOUR).value(),
                IntStream.range(0, notJson).mapToObj(i -> "no " + i + padding).toList());
        Path log = temp.resolve("child.log");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CHILD_HEAP, "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), BoundedLoadMain.class.getName(), database.url(),
                temp.resolve("store").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }

        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("the child load ended").isTrue();
        assertThat(child.exitValue()).as("the child's exit code; its log:%n%s", output).isZero();
        assertThat(database.column("select count(*) from bronze.spotify_events")).containsExactly("" + events);
        long rejectedChars = IntStream.range(0, notJson).mapToLong(i -> 3 + Integer.toString(i).length()
                + padding.length()).sum();
        assertThat(database.column("select count(*) || '|' || sum(length(raw_line)) from bronze._rejected_lines"))
                .containsExactly(notJson + "|" + rejectedChars);
    }
}
