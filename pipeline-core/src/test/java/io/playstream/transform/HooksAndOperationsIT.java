package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.testing.ScratchPostgres;
import io.playstream.transform.internal.artifact.DbtSchemas;
import io.playstream.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks, run hooks, grants and run-operation on DuckDB and PostgreSQL, on a small project written
 * here. Expectations as real dbt 1.11.14 with dbt-postgres gave them on the same project (a manual
 * run, see dbt/README.md): hooks run in the order on-run-start, then per model its pre-hooks (the
 * folder's before the model's), the build, its post-hooks (inside the transaction, then outside),
 * then on-run-end with {@code results} and {@code schemas}; each run hook is an {@code operation}
 * result {@code operation.hooks.hooks-on-run-start-0} with the message
 * {@code hooks.on-run-start.0 passed}; grants are given after a build and, on an incremental run,
 * those no longer configured are revoked; run-operation's macro runs queries and writes one
 * {@code macro.hooks.<name>} result.
 */
class HooksAndOperationsIT {

    static final String READER = "playstream_hooks_reader";
    static final String OTHER = "playstream_hooks_other";

    @TempDir
    Path dir;

    @Test
    void onDuckDb() throws Exception {
        features(JdbcWarehouse.duckdb(dir.resolve("hooks.duckdb")), "main");
    }

    @Test
    void onPostgres() throws Exception {
        try (ScratchPostgres database = ScratchPostgres.create("dbthooks_it")) {
            for (String role : List.of(READER, OTHER)) {
                execute(database.warehouse(), "do $$ begin create role " + role + "; exception when duplicate_object then null; end $$");
            }
            features(database.warehouse(), "public");
        }
    }

    private void features(Warehouse warehouse, String schema) throws Exception {
        boolean postgres = warehouse.dbtType().equals("postgres");
        Path project = project(dir.resolve("project-" + schema));
        List<String> log = new ArrayList<>();
        TransformOptions options = TransformOptions.of(project).withTargetPath(dir.resolve("target-" + schema)).withStateAware(false);

        RunSummary first = new TransformRunner(warehouse, log::add).run(options);
        assertThat(first.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(first.results().stream().map(r -> r.uniqueId() + " " + r.status()).toList()).containsExactly(
                "operation.hooks.hooks-on-run-start-0 success", "operation.hooks.hooks-on-run-start-1 success",
                "model.hooks.a success", "model.hooks.b success", "operation.hooks.hooks-on-run-end-0 success");
        assertThat(audit(warehouse, schema)).containsExactly("start", "pre a", "folder post a", "post a", "yaml pre b",
                "folder post b", "after commit b", "end 2 " + schema + " a");
        assertThat(log).anyMatch(line -> line.matches("1 of 2 START hook: hooks\\.on-run-start\\.0 \\.+ \\[RUN]"))
                .anyMatch(line -> line.matches("1 of 1 OK hook: hooks\\.on-run-end\\.0 \\.+ \\[OK in .*"));
        JsonNode results = new ObjectMapper().readTree(first.targetDir().resolve("run_results.json").toFile()).get("results");
        JsonNode start = results.get(0);
        assertThat(start.get("unique_id").asText()).isEqualTo("operation.hooks.hooks-on-run-start-0");
        assertThat(start.get("message").asText()).isEqualTo("hooks.on-run-start.0 passed");
        assertThat(start.get("adapter_response").size()).isZero();
        assertThat(start.get("failures").asLong()).isZero();
        assertThat(start.get("compiled_code").asText()).isEqualTo(
                "create table if not exists " + schema + ".audit (what varchar(200), n integer)");
        assertThat(DbtSchemas.errors(first.targetDir().resolve("run_results.json"))).isEmpty();
        assertThat(DbtSchemas.errors(first.targetDir().resolve("manifest.json"))).isEmpty();
        if (postgres) {
            assertThat(grants(warehouse, schema)).containsExactly("a " + READER, "b " + OTHER, "b " + READER);
        } else {
            assertThat(log).contains("  grants on main.a not applied: DuckDB has no grants (dbt-duckdb ignores them too)");
        }

        // b's grants lose a grantee: its incremental run revokes it, as dbt-postgres does
        SampleProject.write(project, "models/b.sql", B.replace(", '" + OTHER + "'", ""));
        RunSummary second = new TransformRunner(warehouse, log::add).run(options.withSelect("b"));
        assertThat(second.succeeded()).as(String.join("\n", log)).isTrue();
        if (postgres) {
            assertThat(grants(warehouse, schema)).containsExactly("a " + READER, "b " + READER);
        }
        assertThat(audit(warehouse, schema)).endsWith("yaml pre b", "folder post b", "after commit b", "end 1 " + schema + " b");

        // run-operation: the macro's queries run, its log lines print, one result is written
        log.clear();
        RunSummary operation = new TransformRunner(warehouse, log::add).runOperation(options, "report", Map.of("label", "op", "n", 3));
        assertThat(operation.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(log).contains("rows 13 last end 1 " + schema + " b label op n 3", "answer 42 [42]");
        assertThat(audit(warehouse, schema)).endsWith("op");
        JsonNode macro = new ObjectMapper().readTree(operation.targetDir().resolve("run_results.json").toFile()).get("results").get(0);
        assertThat(macro.get("unique_id").asText()).isEqualTo("macro.hooks.report");
        assertThat(macro.get("status").asText()).isEqualTo("success");
        assertThat(macro.get("compiled").asBoolean()).isFalse();
        assertThat(DbtSchemas.errors(operation.targetDir().resolve("run_results.json"))).isEmpty();

        RunSummary unknown = new TransformRunner(warehouse, log::add).runOperation(options, "no_such_macro", Map.of());
        assertThat(unknown.succeeded()).isFalse();
        assertThat(unknown.results().get(0).message()).contains("could not find a macro with the name 'no_such_macro'");

        // a failing on-run-start hook ends the run before any node
        SampleProject.write(project, "dbt_project.yml", "name: hooks\nprofile: hooks\non-run-start: 'select * from no_such_table'\n");
        RunSummary stopped = new TransformRunner(warehouse, log::add).run(options);
        assertThat(stopped.succeeded()).isFalse();
        assertThat(stopped.results()).extracting(r -> r.uniqueId() + " " + r.status()).containsExactly(
                "operation.hooks.hooks-on-run-start-0 error");

        // run_query in a model is refused when the project is parsed, naming the file
        SampleProject.write(project, "models/c.sql", "select {{ run_query('select 1')[0][0] }} as one");
        assertThatThrownBy(() -> new TransformRunner(warehouse, log::add).run(options))
                .hasMessageContaining("models/c.sql: run_query runs queries, which the runner supports in hooks and run-operation only");
    }

    /**
     * Real dbt (when {@code PLAYSTREAM_REAL_DBT} names it) and the runner build the same project on
     * PostgreSQL, then build {@code b} again with a grantee fewer: the hooks' rows, the grants after
     * each build and the run results' ids, statuses and hook messages must be the same.
     */
    @Test
    void realDbtAndTheRunnerRunHooksAndGrantsAlike() throws Exception {
        String dbt = System.getenv(RealDbtConformanceIT.REAL_DBT);
        assumeTrue(dbt != null && Files.isExecutable(Path.of(dbt)),
                "set " + RealDbtConformanceIT.REAL_DBT + " to a real dbt executable with dbt-postgres to compare the runner with dbt");
        try (ScratchPostgres real = ScratchPostgres.create("dbthooks_real"); ScratchPostgres ours = ScratchPostgres.create("dbthooks_ours")) {
            for (String role : List.of(READER, OTHER)) {
                execute(real.warehouse(), "do $$ begin create role " + role + "; exception when duplicate_object then null; end $$");
            }
            Path realProject = project(dir.resolve("real"));
            Path ourProject = project(dir.resolve("ours"));
            List<String> log = new ArrayList<>();
            TransformOptions options = TransformOptions.of(ourProject).withStateAware(false);
            for (String select : List.of("", "b")) {
                if (select.equals("b")) {
                    SampleProject.write(realProject, "models/b.sql", B.replace(", '" + OTHER + "'", ""));
                    SampleProject.write(ourProject, "models/b.sql", B.replace(", '" + OTHER + "'", ""));
                }
                List<String> command = new ArrayList<>(List.of(dbt, "build", "--target", "postgres", "--project-dir", realProject.toString(),
                        "--profiles-dir", realProject.toString()));
                if (!select.isEmpty()) {
                    command.addAll(List.of("--select", select));
                }
                RealDbtProcess.succeed(command, real.name(), dir.resolve("dbt-build-" + select + ".log"));
                RunSummary summary = new TransformRunner(ours.warehouse(), log::add).run(select.isEmpty() ? options : options.withSelect(select));
                assertThat(summary.succeeded()).as(String.join("\n", log)).isTrue();

                assertThat(audit(ours.warehouse(), "public")).as("hooks after build " + select).isEqualTo(audit(real.warehouse(), "public"));
                assertThat(grants(ours.warehouse(), "public")).as("grants after build " + select).isEqualTo(grants(real.warehouse(), "public"));
                assertThat(results(summary.targetDir().resolve("run_results.json")))
                        .isEqualTo(results(realProject.resolve("target/run_results.json")));
            }
        }
    }

    /** Each result's id and status, and a run hook's message, compiled code and adapter response. */
    private static List<String> results(Path runResults) throws Exception {
        List<String> results = new ArrayList<>();
        for (JsonNode result : new ObjectMapper().readTree(runResults.toFile()).get("results")) {
            String id = result.get("unique_id").asText();
            results.add(id + " " + result.get("status").asText() + (id.startsWith("operation.") ? " " + result.get("message").asText()
                    + " " + result.get("adapter_response") + " " + result.get("failures") + " " + result.get("compiled_code").asText() : ""));
        }
        return results;
    }

    private static List<String> audit(Warehouse warehouse, String schema) throws Exception {
        return DbtProjectIT.rows(warehouse, "select what from " + schema + ".audit order by n").stream()
                .map(row -> row.substring("{what=".length(), row.length() - 1)).toList();
    }

    private static List<String> grants(Warehouse warehouse, String schema) throws Exception {
        return DbtProjectIT.rows(warehouse, "select table_name || ' ' || grantee as g from information_schema.role_table_grants"
                + " where table_schema = '" + schema + "' and grantee like 'playstream_hooks%' order by 1").stream()
                .map(row -> row.substring("{g=".length(), row.length() - 1)).toList();
    }

    private static void execute(Warehouse warehouse, String sql) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static final String B = "{{ config(materialized='incremental', grants={'select': ['" + READER + "', '" + OTHER + "']}) }}\n"
            + "select 2 as id\n";

    private static Path project(Path project) {
        SampleProject.write(project, "dbt_project.yml", """
                name: hooks
                version: "1.0"
                config-version: 2
                profile: hooks
                on-run-start:
                  - "create table if not exists {{ target.schema }}.audit (what varchar(200), n integer)"
                  - "{{ audit('start') }}"
                on-run-end: "{{ audit('end ' ~ (results | length) ~ ' ' ~ (schemas | join(',')) ~ ' ' ~ results[0].node.name) }}"
                models:
                  hooks:
                    +post-hook: "{{ audit('folder post ' ~ this.name) }}"
                """);
        SampleProject.writeDuckDbAndPostgresProfile(project, "hooks");
        SampleProject.write(project, "macros/audit.sql", """
                {% macro audit(what) -%}
                insert into {{ target.schema }}.audit (what, n) select '{{ what }}', count(*) from {{ target.schema }}.audit
                {%- endmacro %}

                {% macro report(label, n=1) %}
                  {% set r = run_query("select count(*) as c, max(n) as m from " ~ target.schema ~ ".audit") %}
                  {% set last = run_query("select what from " ~ target.schema ~ ".audit where n = " ~ r.columns[1].values()[0]) %}
                  {% if execute %}
                  {{ log("rows " ~ r[0][0] ~ " last " ~ last[0][0] ~ " label " ~ label ~ " n " ~ n, info=True) }}
                  {% endif %}
                  {% call statement('answer', fetch_result=True) %}
                    select 42 as answer
                  {% endcall %}
                  {% set x = load_result('answer') %}
                  {{ log("answer " ~ x['data'][0][0] ~ " " ~ x['table'].columns[0].values(), info=True) }}
                  {% do run_query(audit(label)) %}
                {% endmacro %}
                """);
        SampleProject.write(project, "models/a.sql", """
                {{ config(materialized='table', pre_hook=["{{ audit('pre a') }}"], post_hook="{{ audit('post ' ~ this.name) }}",
                          grants={'select': ['%s']}) }}
                select 1 as id
                """.formatted(READER));
        SampleProject.write(project, "models/b.sql", B);
        SampleProject.write(project, "models/schema.yml", """
                version: 2
                # no macro here: dbt renders a YAML hook when it parses the file, before the project's macros exist
                models:
                  - name: b
                    config:
                      pre-hook: "insert into {{ target.schema }}.audit (what, n) select 'yaml pre b', count(*) from {{ target.schema }}.audit"
                      post-hook:
                        - sql: "insert into {{ target.schema }}.audit (what, n) select 'after commit b', count(*) from {{ target.schema }}.audit"
                          transaction: false
                """);
        return project;
    }
}
