package io.playstream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.RejectReason;
import io.playstream.objectstore.FileSystemObjectStore;
import io.playstream.stream.DeadLetterChunk;
import io.playstream.stream.Gzip;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code playstream replay} on a real folder store and real DuckDB files. Dead letters refused by
 * an older check are staged as the sink writes them, with the reason that check gave.
 */
class ReplayCommandTest {

    static final Instant RECORDED = Instant.parse("2025-12-10T16:00:00Z");

    @TempDir
    Path temp;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @Test
    void aDryRunByDefaultThenApplyThenLoadThenNothingMore() throws Exception {
        Path bucket = temp.resolve("bucket");
        stageDeadLetters(bucket);
        String store = "file:" + bucket;
        String warehouse = "duckdb:" + temp.resolve("w.duckdb");

        assertThat(run("replay", "--store", store)).as(err.toString()).isZero();
        String dryRun = take();
        assertThat(dryRun).contains("dry run: 3 dead letters in 1 dead-letter objects")
                .contains("would pass now: 2 (BAD_TIMESTAMP 2), to be written into 1 bronze objects")
                .contains("still failing: 1 (NOT_JSON 1), kept in dead-letter/")
                .contains("nothing written; --apply writes them");
        assertThat(bucket.resolve("bronze")).doesNotExist();

        assertThat(run("replay", "--store", store, "--apply")).as(err.toString()).isZero();
        assertThat(take()).contains("passed now: 2 (BAD_TIMESTAMP 2), written into 1 bronze objects (0 already there")
                .contains("wrote bronze/date=2025-12-10/hour=15/spotify-events+0+0000000000000000005.jsonl.gz")
                .contains("still failing: 1 (NOT_JSON 1)");
        assertThat(run("load", "--store", store, "--warehouse", warehouse)).as(err.toString()).isZero();
        assertThat(take()).contains("loaded 1 objects (0 replaced), 2 rows");

        assertThat(run("replay", "--store", store, "--apply")).isZero();
        assertThat(take()).contains("written into 0 bronze objects (1 already there, unchanged)");
        assertThat(run("load", "--store", store, "--warehouse", warehouse)).isZero();
        assertThat(take()).contains("loaded 0 objects (0 replaced), 0 rows").contains("1 objects already loaded");
    }

    @Test
    void theQuarantineIsJudgedByTheProjectsRulesAndRebuiltOnce() throws Exception {
        Path bucket = temp.resolve("bucket");
        String lines = event("e1", "2025-06-01T10:00:00Z") + "\n" + event("e2", "2025-12-10T15:00:00Z") + "\n"
                + "{\"event_id\":\"e3\",\"timestamp\":\"2025-12-10T15:00:00Z\"}\n";
        new FileSystemObjectStore(bucket).put("bronze/date=2025-12-10/hour=15/spotify-events+0+0000000000000000000.jsonl.gz",
                Gzip.compress(lines.getBytes(StandardCharsets.UTF_8), 1));
        String warehouse = "duckdb:" + temp.resolve("w.duckdb");
        String[] project = {"--project", "../dbt", "--target-path", temp.resolve("target").toString()};
        assertThat(run("load", "--store", "file:" + bucket, "--warehouse", warehouse)).isZero();
        // the narrower contract of before: June's event is out of range
        assertThat(run(concat(new String[] {"transform", "--warehouse", warehouse,
                "--vars", "{earliest_event_at: '2025-07-01 00:00:00'}"}, project))).as(out.toString()).isZero();
        take();

        assertThat(run(concat(new String[] {"replay", "--quarantine", "--warehouse", warehouse}, project))).as(err.toString()).isZero();
        assertThat(take()).contains("dry run: 2 quarantined rows judged")
                .contains("would pass now: 1 (timestamp_out_of_range 1), 1 of them new events for silver")
                .contains("still failing: 1 (missing_user_id 1)")
                .contains("nothing rebuilt; --apply rebuilds stg_events+ stg_events_quarantine+ with a full refresh");

        assertThat(run(concat(new String[] {"replay", "--quarantine", "--warehouse", warehouse, "--apply"}, project)))
                .as(out.toString()).isZero();
        assertThat(take()).contains("passed now: 1 (timestamp_out_of_range 1)")
                .contains("rebuilt stg_events+ stg_events_quarantine+ with a full refresh");

        assertThat(run(concat(new String[] {"replay", "--quarantine", "--warehouse", warehouse, "--apply"}, project)))
                .isZero();
        assertThat(take()).contains("passed now: 0, 0 of them new events").contains("nothing to rebuild");
    }

    @Test
    void misusedOptionsAreUsageErrorsNamingTheOption() {
        assertThat(run("replay")).isEqualTo(2);
        assertThat(run("replay", "--quarantine")).isEqualTo(2);
        assertThat(run("replay", "--store", "file:" + temp, "--quarantine", "--warehouse", "duckdb:" + temp.resolve("w.duckdb")))
                .isEqualTo(2);
        assertThat(run("replay", "--store", "file:" + temp.resolve("no-such-folder"))).isEqualTo(2);
        assertThat(run("replay", "--store", "file:" + temp, "--bootstrap", "localhost:9092")).isEqualTo(2);
        assertThat(err.toString()).contains("replay: --store is required")
                .contains("replay: --quarantine needs --warehouse")
                .contains("one at a time")
                .contains("no-such-folder does not exist")
                .contains("--bootstrap announces what --apply writes")
                .contains("Try 'playstream replay --help'");
        assertThat(temp.resolve("no-such-folder")).doesNotExist();
    }

    private void stageDeadLetters(Path bucket) {
        DeadLetterChunk chunk = new DeadLetterChunk("spotify-events", 0, 5, RECORDED);
        chunk.add(5, RECORDED, null, bytes(event("e1", "2025-12-10T15:00:00Z")), RejectReason.BAD_TIMESTAMP, "older check");
        chunk.add(6, RECORDED, null, bytes("{oops"), RejectReason.NOT_JSON, "not JSON");
        chunk.add(7, RECORDED, null, bytes(event("e2", "2025-12-10 17:30:00+02")), RejectReason.BAD_TIMESTAMP, "older check");
        new FileSystemObjectStore(bucket).put(chunk.key().value(), Gzip.compress(chunk.body(), 1));
    }

    private int run(String... args) {
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** What the commands printed since the last call. */
    private String take() {
        String text = out.toString();
        out = new StringWriter();
        return text;
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    static String event(String id, String timestamp) {
        return "{\"event_id\":\"" + id + "\",\"user_id\":\"u\",\"song_id\":\"s\",\"artist_name\":\"A\",\"song_name\":\"S\","
                + "\"event_type\":\"play\",\"device_type\":\"web\",\"country\":\"UK\",\"timestamp\":\"" + timestamp + "\"}";
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
