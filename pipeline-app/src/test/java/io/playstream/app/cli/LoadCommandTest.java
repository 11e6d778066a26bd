package io.playstream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import io.playstream.testing.Fixtures;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadCommandTest {

    static final Path FIXTURES = Fixtures.root();

    @TempDir
    Path temp;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @Test
    void loadsTheBucketOnceAndSaysWhatItDid() throws IOException {
        Path store = copyOfSeedBucket();
        String warehouse = "duckdb:" + temp.resolve("w.duckdb");

        int first = run("load", "--store", store.toUri().toString(), "--warehouse", warehouse);
        int second = run("load", "--store", "file:" + store, "--warehouse", warehouse,
                "--from", "2025-12-10T00:00:00Z", "--to", "2025-12-11T00:00:00Z");

        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(out.toString()).contains("loaded 71 objects (0 replaced), 710 rows, 0 rejected lines")
                .contains("loaded 0 objects (0 replaced), 0 rows, 0 rejected lines")
                .contains("71 objects already loaded");
    }

    @Test
    void aStoreFolderThatDoesNotExistIsRefusedAndNotCreated() {
        Path typo = temp.resolve("no-such-folder");

        int status = run("load", "--store", "file:" + typo, "--warehouse", "duckdb:" + temp.resolve("w.duckdb"));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(typo + " does not exist").doesNotContain("loaded");
        assertThat(typo).doesNotExist();
    }

    @Test
    void datesAreTimesAsWellAsInstants() throws IOException {
        Path store = copyOfSeedBucket();

        int status = run("load", "--store", "file:" + store, "--warehouse", "duckdb:" + temp.resolve("w.duckdb"),
                "--from", "2025-12-10", "--to", "2025-12-11");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("loaded 71 objects (0 replaced), 710 rows");
    }

    @Test
    void aBadWarehouseUriIsAUsageError() throws IOException {
        int status = run("load", "--store", "file:" + temp, "--warehouse", "oracle:thin@x");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("duckdb:/abs/path/file.duckdb");
    }

    @Test
    void aMissingOptionOrHalfAnIntervalIsAUsageError() {
        assertThat(run("load", "--store", "file:" + temp)).isEqualTo(2);
        assertThat(run("load", "--store", "file:" + temp, "--warehouse", "duckdb:" + temp.resolve("w.duckdb"),
                "--from", "2025-12-10T00:00:00Z")).isEqualTo(2);
        assertThat(run("load", "--store", "file:" + temp, "--warehouse", "duckdb:" + temp.resolve("w.duckdb"),
                "--from", "yesterday", "--to", "2025-12-11T00:00:00Z")).isEqualTo(2);
        assertThat(err.toString()).contains("--from and --to go together");
    }

    private int run(String... args) {
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path copyOfSeedBucket() throws IOException {
        Path source = FIXTURES.resolve("seed-bucket");
        Path target = temp.resolve("bucket");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
