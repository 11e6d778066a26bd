package io.playstream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.event.DecodeResult;
import io.playstream.event.EventCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesOneDecodableEventPerLineAndASummary() throws IOException {
        Path file = dir.resolve("events.ndjson");

        int status = run("generate", "--events", "2000", "--seed", "3", "--listeners", "100", "--songs", "200",
                "--from", "2025-12-01", "--to", "2025-12-08T00:00:00Z", "--out", file.toString());

        assertThat(status).isZero();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2000);
        EventCodec codec = new EventCodec();
        assertThat(lines).allSatisfy(line ->
                assertThat(codec.decode(line.getBytes(StandardCharsets.UTF_8))).isInstanceOf(DecodeResult.Decoded.class));
        assertThat(err.toString()).contains("events=2000").contains("events_per_s=");
    }

    @Test
    void theSameSeedWritesTheSameFile() throws IOException {
        Path first = dir.resolve("first.ndjson");
        Path second = dir.resolve("second.ndjson");
        String[] common = {"generate", "--events", "500", "--seed", "9", "--songs", "100", "--from",
            "2025-12-01T00:00:00Z", "--to", "2025-12-02T00:00:00Z", "--out"};

        run(concat(common, first.toString()));
        run(concat(common, second.toString()));

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void realTimeGenerationWritesTheRequestedEvents() throws IOException {
        Path file = dir.resolve("now.ndjson");

        int status = run("generate", "--events", "300", "--listeners", "20", "--songs", "20", "--out", file.toString());

        assertThat(status).isZero();
        assertThat(Files.readAllLines(file)).hasSize(300);
    }

    @Test
    void replayWritesTheFilesLinesExactlyAsTheyAre() throws IOException {
        Path source = dir.resolve("seed.ndjson");
        String original = "{\"event_id\": \"a\", \"timestamp\": \"2025-12-10T15:26:25.799926Z\"}\n"
                + "not json at all\n"
                + "{\"event_id\":\"b\",\"extra\":[1,2]}";
        Files.writeString(source, original);
        Path copy = dir.resolve("copy.ndjson");

        int status = run("generate", "--replay", source.toString(), "--out", copy.toString());

        assertThat(status).isZero();
        assertThat(Files.readString(copy)).isEqualTo(original + "\n");
        assertThat(err.toString()).contains("events=3");
    }

    @Test
    void aBadOptionValueNamesTheOptionAndExitsWithUsageError() {
        int status = run("generate", "--late-share", "1.5", "--out", dir.resolve("x").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--late-share").contains("from 0 to 1");
    }

    @Test
    void otherUsageErrorsExitWithTwoToo() {
        assertThat(run("generate", "--events", "many", "--out", "-")).isEqualTo(2);
        assertThat(run("generate", "--events", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("--out or --bootstrap is required");
        assertThat(run("generate", "--from", "yesterday", "--to", "2025-12-02", "--out", "-")).isEqualTo(2);
        assertThat(err.toString()).contains("'--from': 'yesterday' is not a date or an instant");
        assertThat(run("generate", "--event-mix", "skip=3", "--out", "-")).isEqualTo(2);
        assertThat(err.toString()).contains("--event-mix");
    }

    private static String[] concat(String[] head, String last) {
        String[] all = java.util.Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }
}
