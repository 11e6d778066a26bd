package io.playstream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** What every command shares: how it answers a mistake, its time options, its version and its store help. */
class PlaystreamCommandTest {

    @TempDir
    static Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void everyCommandAnswersAUsageErrorWithTheProblemAndWhereHelpIsNeverTheWholeUsage() {
        String warehouse = "duckdb:" + temp.resolve("w.duckdb");
        List<List<String>> mistakes = List.of(
                List.of("generate", "--events", "10"),
                List.of("generate", "--from", "yesterday", "--out", "-"),
                List.of("load", "--store", "file:" + temp),
                List.of("load", "--store", "file:" + temp, "--warehouse", warehouse, "--from", "soon", "--to", "later"),
                List.of("load", "--store", "file:" + temp, "--warehouse", "oracle:thin@x"),
                List.of("sink", "--bootstrap", "127.0.0.1:1"),
                List.of("transform", "--warehouse", warehouse, "--colour", "blue"),
                List.of("demo", "--events", "many"),
                List.of("bench", "--rounds"));

        for (List<String> args : mistakes) {
            StringWriter errors = new StringWriter();
            int status = run(errors, args.toArray(String[]::new));

            List<String> lines = errors.toString().lines().toList();
            assertThat(status).as(args.toString()).isEqualTo(FailureHandler.USAGE);
            assertThat(lines).as(args.toString()).hasSizeBetween(2, 4).noneMatch(line -> line.contains("Usage:"));
            assertThat(lines.get(0)).as(args.toString()).startsWith("playstream " + args.get(0) + ": ");
            assertThat(lines.get(lines.size() - 1)).as(args.toString())
                    .isEqualTo("Try 'playstream " + args.get(0) + " --help' for more information.");
        }
    }

    @Test
    void aBadTimeNamesTheOptionAndTheAcceptedForms() {
        int status = run(err, "load", "--store", "file:" + temp, "--warehouse", "duckdb:" + temp.resolve("w.duckdb"),
                "--from", "01/12/2025", "--to", "2025-12-02");

        assertThat(status).isEqualTo(FailureHandler.USAGE);
        assertThat(err.toString()).contains("--from").contains("'01/12/2025'").contains(TimeOption.ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-12-01", "2025-12-01T00:00", "2025-12-01T00:00:00", "2025-12-01T00:00:00Z",
        "2025-12-01T01:00:00+01:00", "2025-12-01T00:00:00.000000Z"})
    void everyTimeOptionTakesADateADateTimeOrAnInstantAsUtc(String text) {
        assertThat(new TimeOption().convert(text)).isEqualTo(java.time.Instant.parse("2025-12-01T00:00:00Z"));
    }

    @Test
    void versionIsTheMavenProjectVersion() {
        int status = run(err, "--version");

        assertThat(status).isZero();
        assertThat(out.toString()).matches("(?s)playstream \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*").doesNotContain("development");
    }

    @Test
    void theStoreHelpOfEveryCommandShowsBothForms() {
        for (String command : List.of("sink", "load")) {
            StringWriter help = new StringWriter();
            CommandLine cli = PlaystreamCommand.commandLine();
            cli.setOut(new PrintWriter(help, true));

            cli.execute(command, "--help");

            // picocli wraps long descriptions, so compare without white space
            assertThat(help.toString().replaceAll("\\s+", "")).as(command).contains("--store=URI")
                    .contains("file:/absolute/folder").contains("s3://bucket[/prefix]?endpoint=").contains("AWS_ACCESS_KEY_ID");
        }
    }

    private int run(StringWriter errors, String... args) {
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(errors, true));
        return cli.execute(args);
    }
}
