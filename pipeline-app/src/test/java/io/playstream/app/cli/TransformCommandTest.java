package io.playstream.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code playstream transform} on a small dbt project and a real DuckDB file. */
class TransformCommandTest {

    @TempDir
    Path dir;

    Path project;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void writeProject() throws IOException {
        project = Files.createDirectories(dir.resolve("dbt"));
        Files.writeString(project.resolve("dbt_project.yml"), """
                name: tiny
                profile: tiny
                vars:
                  rows: 3
                models:
                  tiny:
                    +materialized: table
                """);
        Files.createDirectories(project.resolve("models"));
        Files.writeString(project.resolve("models/numbers.sql"), "select range as n from range({{ var('rows') }})");
        Files.writeString(project.resolve("models/_models.yml"), """
                version: 2
                models:
                  - name: numbers
                    columns:
                      - name: n
                        data_tests: [unique, not_null]
                """);
    }

    private int transform(String... args) {
        CommandLine cli = PlaystreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "transform";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void buildsTheProjectAndPrintsDbtLikeLines() {
        int status = transform("--warehouse", "duckdb:" + dir.resolve("w.duckdb"), "--project", project.toString());

        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("1 of 3 START sql table model main\\.numbers \\.+ \\[RUN]")
                .containsPattern("1 of 3 OK created sql table model main\\.numbers \\.+ \\[OK 3 in \\d+\\.\\d\\ds]")
                .containsPattern("PASS unique_numbers_n")
                .contains("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3");
        assertThat(project.resolve("target/run_results.json")).exists();
    }

    @Test
    void lsPrintsWhatTheSelectionPicksAsDbtLsDoes() {
        String[] common = {"--warehouse", "duckdb:" + dir.resolve("w.duckdb"), "--project", project.toString(), "--ls"};
        assertThat(transform(append(common, "--select", "numbers"))).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly("tiny.numbers", "tiny.not_null_numbers_n", "tiny.unique_numbers_n");
        out.getBuffer().setLength(0);

        assertThat(transform(append(common, "--select", "numbers", "--exclude", "test_name:unique", "--output", "path"))).isZero();
        assertThat(out.toString().lines()).containsExactly("models/numbers.sql", "models/_models.yml");
        out.getBuffer().setLength(0);

        assertThat(transform(append(common, "--resource-type", "model", "--output", "name"))).isZero();
        assertThat(out.toString().lines()).containsExactly("numbers");
        assertThat(project.resolve("target/run_results.json")).as("ls builds nothing").doesNotExist();

        assertThat(transform(append(common, "--select", "materialized:table"))).isNotZero();
        assertThat(err.toString()).contains("'materialized' is not a valid method name");
    }

    @Test
    void aYamlSelectorPicksAsDbtsSelectorDoesAndTheDefaultOneDecidesWithoutSelection() throws IOException {
        Files.writeString(project.resolve("selectors.yml"), """
                selectors:
                  - name: only_unique
                    definition: {method: test_name, value: unique}
                  - name: model_alone
                    default: true
                    definition:
                      method: fqn
                      value: numbers
                      exclude: ['test_type:generic']
                """);
        String[] common = {"--warehouse", "duckdb:" + dir.resolve("w.duckdb"), "--project", project.toString(), "--ls"};

        assertThat(transform(append(common, "--selector", "only_unique", "--select", "numbers"))).as(err.toString()).isZero();
        assertThat(out.toString().lines()).as("--selector wins over --select, as in dbt").containsExactly("tiny.unique_numbers_n");
        out.getBuffer().setLength(0);
        assertThat(transform(common)).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly("tiny.numbers");
        assertThat(transform(append(common, "--selector", "nightly"))).isNotZero();
        assertThat(err.toString()).contains("Could not find selector named nightly, expected one of [only_unique, model_alone]");
    }

    private static String[] append(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void freshnessWritesSourcesJsonAndFailsPastErrorAfter() throws IOException {
        Files.writeString(project.resolve("models/_sources.yml"), """
                version: 2
                sources:
                  - name: raw
                    schema: main
                    loaded_at_field: loaded_at
                    freshness: {error_after: {count: 1, period: day}}
                    tables: [{name: numbers}]
                """);
        Files.writeString(project.resolve("models/numbers.sql"),
                "select range as n, timestamp '2020-01-01 00:00:00' as loaded_at from range({{ var('rows') }})");
        transform("--warehouse", "duckdb:" + dir.resolve("w.duckdb"), "--project", project.toString());

        int status = transform("--warehouse", "duckdb:" + dir.resolve("w.duckdb"), "--project", project.toString(), "--freshness");

        assertThat(status).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).contains("1 of 1 ERROR STALE freshness of raw.numbers");
        assertThat(project.resolve("target/sources.json")).content().contains("\"status\" : \"error\"");
    }

    @Test
    void runOperationRunsAProjectMacroWithItsArguments() throws IOException {
        Files.createDirectories(project.resolve("macros"));
        Files.writeString(project.resolve("macros/count_rows.sql"), """
                {% macro count_rows(table, label='rows') %}
                  {% set result = run_query('select count(*) from ' ~ target.schema ~ '.' ~ table) %}
                  {{ log(label ~ ': ' ~ result[0][0], info=True) }}
                {% endmacro %}
                """);
        String warehouse = "duckdb:" + dir.resolve("w.duckdb");
        assertThat(transform("--warehouse", warehouse, "--project", project.toString())).isZero();
        out.getBuffer().setLength(0);

        assertThat(transform("--warehouse", warehouse, "--project", project.toString(), "--run-operation", "count_rows",
                "--args", "{table: numbers, label: numbers}")).as(out + "\n" + err).isZero();
        assertThat(out.toString().lines()).contains("numbers: 3");
        assertThat(transform("--warehouse", warehouse, "--project", project.toString(), "--run-operation", "no_such")).isNotZero();
    }

    @Test
    void aSecondRunReusesWhatDidNotChangeUnlessToldToRebuildAll() {
        String warehouse = "duckdb:" + dir.resolve("w.duckdb");
        assertThat(transform("--warehouse", warehouse, "--project", project.toString())).isZero();
        out.getBuffer().setLength(0);

        assertThat(transform("--warehouse", warehouse, "--project", project.toString())).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("1 of 3 OK reused sql table model main\\.numbers \\(no new input\\) \\.+ \\[REUSED in")
                .contains("Done. PASS=0 WARN=0 ERROR=0 SKIP=0 NO-OP=0 REUSED=3 TOTAL=3");
        out.getBuffer().setLength(0);

        assertThat(transform("--warehouse", warehouse, "--project", project.toString(), "--no-state-aware")).isZero();
        assertThat(out.toString()).contains("OK created sql table model main.numbers").contains("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3");
    }

    @Test
    void aFailingTestExitsWithOne() throws IOException {
        Files.writeString(project.resolve("models/numbers.sql"), "select 1 as n from range({{ var('rows') }})");

        int status = transform("--warehouse", "duckdb:" + dir.resolve("w.duckdb"), "--project", project.toString(), "--vars", "{rows: 4}");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).containsPattern("FAIL 1 unique_numbers_n \\.+ \\[FAIL 1 in").contains("ERROR=1");
    }

    @Test
    void anUnsupportedWarehouseUriIsAUsageError() {
        assertThat(transform("--warehouse", "mysql://x", "--project", project.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("warehouse URI 'mysql://x' is not one of");
    }
}
