package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.testing.ScratchPostgres;
import io.playstream.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A microbatch model ({@code batch_size: day}, {@code lookback: 1}, {@code begin} three days ago)
 * over a seed with {@code event_time}, on DuckDB and PostgreSQL. Expectations as real dbt 1.11.14
 * with dbt-postgres gave them on the same project (a manual run, see dbt/README.md): the first run
 * and {@code --full-refresh} build one batch per day from {@code begin} to today, a later run the
 * batches of yesterday and today, {@code --event-time-start/-end} the days from the start's day
 * while a batch starts before the end; each batch reads only its day of the seed (dbt renders the
 * ref as a filtered subquery) and {@code model.batch.event_time_start} names it; run_results.json
 * lists the batches as {@code batch_results.successful} [start, end] pairs. Days are relative to
 * the clock's date, which must not pass midnight UTC during a test: one that would start in the
 * last minutes of a UTC day waits for the next day first ({@link #todayAwayFromMidnight()}).
 */
class MicrobatchIT {

    @TempDir
    Path dir;

    /** A test takes well under this on a loaded machine; one starting closer to midnight waits. */
    private static final Duration LONGEST_TEST = Duration.ofMinutes(3);

    final LocalDate today = todayAwayFromMidnight();

    /** Today's UTC date, once no test started now can see the date change. */
    private static LocalDate todayAwayFromMidnight() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC);
        if (now.plus(LONGEST_TEST).isAfter(midnight)) {
            try {
                Thread.sleep(Duration.between(now, midnight).plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for midnight UTC", e);
            }
        }
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void onDuckDb() throws Exception {
        batches(JdbcWarehouse.duckdb(dir.resolve("mb.duckdb")), "main");
    }

    @Test
    void onPostgres() throws Exception {
        try (ScratchPostgres database = ScratchPostgres.create("microbatch_it")) {
            batches(database.warehouse(), "public");
        }
    }

    private void batches(Warehouse warehouse, String schema) throws Exception {
        Path project = project(dir.resolve("project-" + schema), schema);
        List<String> log = new ArrayList<>();
        TransformOptions options = TransformOptions.of(project).withTargetPath(dir.resolve("target-" + schema));

        RunSummary first = new TransformRunner(warehouse, log::add).run(options);
        assertThat(first.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(batchResults(first)).isEqualTo(pairs(-3, -2, -1, 0) + " failed []");
        List<String> all = List.of("1 " + day(-3), "2 " + day(-3), "3 " + day(-2), "4 " + day(-1), "5 " + day(-1),
                "6 " + day(0), "7 " + day(0));
        assertThat(rows(warehouse, schema)).isEqualTo(all);

        RunSummary second = new TransformRunner(warehouse, log::add).run(options);
        assertThat(batchResults(second)).isEqualTo(pairs(-1, 0) + " failed []");
        assertThat(rows(warehouse, schema)).isEqualTo(all);

        RunSummary backfill = new TransformRunner(warehouse, log::add).run(options.withSelect("daily")
                .withEventTimes(today.minusDays(2).toString(), today.minusDays(1) + " 12:00:00"));
        assertThat(backfill.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(batchResults(backfill)).isEqualTo(pairs(-2, -1) + " failed []");
        assertThat(rows(warehouse, schema)).isEqualTo(all);

        RunSummary refresh = new TransformRunner(warehouse, log::add).run(options.withFullRefresh(true));
        assertThat(batchResults(refresh)).isEqualTo(pairs(-3, -2, -1, 0) + " failed []");
        assertThat(rows(warehouse, schema)).isEqualTo(all);
        JsonNode model = model(refresh);
        assertThat(model.get("status").asText()).isEqualTo("success");
        assertThat(model.get("adapter_response").toString()).isEqualTo("{}");

        // a failing batch is recorded and the others still run: a partial success, and the run fails (as real dbt did)
        SampleProject.write(dir.resolve("project-" + schema), "models/daily_fails.sql", "{{ config(materialized='incremental',"
                + " incremental_strategy='microbatch', event_time='occurred_at', batch_size='day', begin='" + today.minusDays(3) + "') }}\n"
                + "select id, occurred_at, cast(case when occurred_at >= '" + today.minusDays(2) + "' and occurred_at < '" + today.minusDays(1)
                + "' then cast(id as varchar) || 'x' else '1' end as integer) as one\nfrom {{ ref('events') }}\n");
        RunSummary partial = new TransformRunner(warehouse, log::add).run(options.withSelect("daily_fails"));
        assertThat(partial.succeeded()).isFalse();
        JsonNode failing = model(partial.targetDir().resolve("run_results.json"), "model.mb.daily_fails");
        assertThat(failing.get("status").asText()).isEqualTo("partial success");
        assertThat(failing.get("message").asText()).as(String.join("\n", log.subList(Math.max(0, log.size() - 12), log.size()))).isEqualTo("PARTIAL SUCCESS (3/4)");
        assertThat(failing.get("batch_results").get("failed").toString()).isEqualTo(pairs(-2));
        assertThat(DbtProjectIT.rows(warehouse, "select count(*) as n from " + schema + ".daily_fails")).containsExactly("{n=6}");
    }

    /**
     * Real dbt (when {@code PLAYSTREAM_REAL_DBT} names it) and the runner build the same project on
     * PostgreSQL through a first build, a later build, a backfill and a full refresh: the model's
     * rows and its batch_results must be the same after each.
     */
    @Test
    void realDbtAndTheRunnerBuildTheSameBatches() throws Exception {
        String dbt = System.getenv(RealDbtConformanceIT.REAL_DBT);
        assumeTrue(dbt != null && Files.isExecutable(Path.of(dbt)),
                "set " + RealDbtConformanceIT.REAL_DBT + " to a real dbt executable with dbt-postgres to compare the runner with dbt");
        try (ScratchPostgres real = ScratchPostgres.create("microbatch_real"); ScratchPostgres ours = ScratchPostgres.create("microbatch_ours")) {
            Path realProject = project(dir.resolve("real"), "public");
            Path ourProject = project(dir.resolve("ours"), "public");
            TransformOptions options = TransformOptions.of(ourProject);
            String start = today.minusDays(2).toString();
            String end = today.minusDays(1) + " 12:00:00";
            List<List<String>> steps = List.of(List.of("build"), List.of("build"),
                    List.of("build", "--select", "daily", "--event-time-start", start, "--event-time-end", end), List.of("build", "--full-refresh"));
            List<TransformOptions> ourSteps = List.of(options, options, options.withSelect("daily").withEventTimes(start, end),
                    options.withFullRefresh(true));
            List<String> log = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                List<String> command = new ArrayList<>(List.of(dbt));
                command.addAll(steps.get(i));
                command.addAll(List.of("--target", "postgres", "--project-dir", realProject.toString(), "--profiles-dir", realProject.toString()));
                RealDbtProcess.succeed(command, real.name(), dir.resolve("dbt-" + i + ".log"));
                RunSummary summary = new TransformRunner(ours.warehouse(), log::add).run(ourSteps.get(i));
                assertThat(summary.succeeded()).as(String.join("\n", log)).isTrue();
                assertThat(rows(ours.warehouse(), "public")).as("rows after " + steps.get(i)).isEqualTo(rows(real.warehouse(), "public"));
                assertThat(batchResults(summary.targetDir().resolve("run_results.json")))
                        .as("batch_results after " + steps.get(i)).isEqualTo(batchResults(realProject.resolve("target/run_results.json")));
            }
        }
    }

    private String day(int offset) {
        return today.plusDays(offset) + " 00:00:00+00:00";
    }

    private String pairs(int... offsets) {
        List<String> pairs = new ArrayList<>();
        for (int offset : offsets) {
            pairs.add("[\"" + today.plusDays(offset) + "T00:00:00+00:00\",\"" + today.plusDays(offset + 1) + "T00:00:00+00:00\"]");
        }
        return "[" + String.join(",", pairs) + "]";
    }

    private static JsonNode model(RunSummary summary) throws Exception {
        return model(summary.targetDir().resolve("run_results.json"));
    }

    private static JsonNode model(Path runResults) throws Exception {
        return model(runResults, "model.mb.daily");
    }

    private static JsonNode model(Path runResults, String id) throws Exception {
        for (JsonNode result : new ObjectMapper().readTree(runResults.toFile()).get("results")) {
            if (result.get("unique_id").asText().equals(id)) {
                return result;
            }
        }
        throw new AssertionError("no result of " + id);
    }

    private static String batchResults(RunSummary summary) throws Exception {
        return batchResults(summary.targetDir().resolve("run_results.json"));
    }

    private static String batchResults(Path runResults) throws Exception {
        JsonNode batches = model(runResults).get("batch_results");
        return batches.get("successful") + " failed " + batches.get("failed");
    }

    /** Each row's id and the start of the batch that wrote it, of the model over the seed and of the one over the source. */
    private static List<String> rows(Warehouse warehouse, String schema) throws Exception {
        List<String> rows = rows(warehouse, schema, "daily");
        assertThat(rows(warehouse, schema, "daily_src")).as("daily_src").isEqualTo(rows);
        return rows;
    }

    private static List<String> rows(Warehouse warehouse, String schema, String model) throws Exception {
        return DbtProjectIT.rows(warehouse, "select id || ' ' || batch_start as r from " + schema + "." + model + " order by id").stream()
                .map(row -> row.substring("{r=".length(), row.length() - 1)).toList();
    }

    private Path project(Path project, String schema) {
        SampleProject.write(project, "dbt_project.yml", """
                name: mb
                version: "1.0"
                config-version: 2
                profile: mb
                seeds:
                  mb:
                    events:
                      +event_time: occurred_at
                      +column_types: {occurred_at: timestamp}
                """);
        SampleProject.writeDuckDbAndPostgresProfile(project, "mb");
        SampleProject.write(project, "seeds/events.csv", "id,occurred_at,amount\n"
                + "1," + today.minusDays(3) + " 01:00:00,10\n"
                + "2," + today.minusDays(3) + " 23:00:00,20\n"
                + "3," + today.minusDays(2) + " 12:00:00,30\n"
                + "4," + today.minusDays(1) + " 00:00:00,40\n"
                + "5," + today.minusDays(1) + " 18:30:00,50\n"
                + "6," + today + " 02:00:00,60\n"
                + "7," + today + " 10:00:00,70\n");
        SampleProject.write(project, "models/daily.sql", "{{ config(materialized='incremental', incremental_strategy='microbatch',"
                + " event_time='occurred_at', batch_size='day', begin='" + today.minusDays(3) + "', lookback=1, unique_key='id') }}\n"
                + "select id, occurred_at, amount, '{{ model.batch.event_time_start }}' as batch_start,"
                + " '{{ model.batch.event_time_end }}' as batch_end\nfrom {{ ref('events') }}\n");
        // the same over a source whose config has the event_time (depends_on orders it after the seed)
        SampleProject.write(project, "models/sources.yml", "version: 2\nsources:\n  - name: raw\n    schema: " + schema
                + "\n    tables:\n      - name: events\n        config: {event_time: occurred_at}\n");
        SampleProject.write(project, "models/daily_src.sql", "{{ config(materialized='incremental', incremental_strategy='microbatch',"
                + " event_time='occurred_at', batch_size='day', begin='" + today.minusDays(3) + "', unique_key='id') }}\n"
                + "-- depends_on: {{ ref('events') }}\n"
                + "select id, occurred_at, '{{ model.batch.event_time_start }}' as batch_start\nfrom {{ source('raw', 'events') }}\n");
        return project;
    }
}
