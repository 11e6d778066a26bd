package io.playstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.testing.ScratchPostgres;
import io.playstream.transform.internal.artifact.DbtSchemas;
import io.playstream.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's real dbt project ({@code ../dbt}, or {@code -Dplaystream.dbt.project}) built by
 * the runner on DuckDB and on PostgreSQL from the same fixture events: both builds pass every test,
 * and every gold table holds the same rows on both (order-insensitive; numbers compared to 10
 * significant digits, so float sums that differ in the last bits across engines still match;
 * metadata columns, named with a leading underscore such as {@code _transformed_at}, left out),
 * and the manifest.json and run_results.json of both runs validate against dbt's published schemas.
 */
class DbtProjectIT {

    static final MathContext TOLERANCE = new MathContext(10);

    @TempDir
    Path dir;

    static Path projectDir() {
        String property = System.getProperty("playstream.dbt.project");
        return property != null ? Path.of(property) : Path.of("../dbt");
    }

    @Test
    void theRealProjectBuildsTheSameGoldTablesOnDuckDbAndPostgres() throws Exception {
        Path project = projectDir();
        assertThat(project.resolve("dbt_project.yml")).as("the repository's dbt project").isRegularFile();
        Path events = BronzeFixture.events().orElseThrow();

        Warehouse duckdb = JdbcWarehouse.duckdb(dir.resolve("warehouse.duckdb"));
        try (Connection c = duckdb.connect()) {
            BronzeFixture.loadDuckDb(c, events);
        }
        try (ScratchPostgres database = ScratchPostgres.create("transform_dbt_it")) {
            Warehouse postgres = database.warehouse();
            try (Connection c = postgres.connect()) {
                BronzeFixture.loadPostgres(c, events);
            }
            assertThat(rows(duckdb, "select count(*) as n from bronze.spotify_events")).isEqualTo(rows(postgres, "select count(*) as n from bronze.spotify_events"));

            build(duckdb, project, "duckdb");
            build(postgres, project, "postgres");

            List<String> gold = tables(postgres, "gold");
            assertThat(gold).isNotEmpty().containsExactlyInAnyOrderElementsOf(tables(duckdb, "gold"));
            for (String table : gold) {
                List<String> expected = rows(postgres, "select * from gold." + table);
                // the fixture's events carry no positions: no skip has a place on the skip curve
                assertThat(expected.isEmpty()).as("gold." + table + " empty").isEqualTo(table.equals("skip_curve"));
                assertThat(rows(duckdb, "select * from gold." + table)).as("gold." + table)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    private void build(Warehouse warehouse, Path project, String name) throws Exception {
        List<String> log = new ArrayList<>();
        TransformOptions options = TransformOptions.of(project).withTargetPath(dir.resolve("target-" + name));
        RunSummary first = new TransformRunner(warehouse, log::add).run(options);
        assertThat(first.succeeded()).as(name + "\n" + String.join("\n", log)).isTrue();
        RunSummary second = new TransformRunner(warehouse, log::add).run(options);
        assertThat(second.succeeded()).as(name + " incremental\n" + String.join("\n", log)).isTrue();
        for (String artifact : List.of("manifest.json", "run_results.json")) {
            assertThat(DbtSchemas.errors(second.targetDir().resolve(artifact))).as(name + " " + artifact + " against dbt's schema").isEmpty();
        }
        Path catalog = new TransformRunner(warehouse, log::add).docs(options);
        assertThat(DbtSchemas.errors(catalog)).as(name + " catalog.json against dbt's catalog v1 schema").isEmpty();
        JsonNode described = new ObjectMapper().readTree(catalog.toFile());
        assertThat(described.at("/nodes/model.playstream.stg_events/metadata/schema").asText()).isEqualTo("silver");
        assertThat(described.at("/nodes/model.playstream.stg_events/columns/event_id/index").asInt()).isPositive();
        assertThat(described.at("/nodes/model.playstream.top_songs/columns/song_id/type").asText()).isNotBlank();
        assertThat(described.at("/sources/source.playstream.bronze.spotify_events/columns/_loaded_at/type").asText())
                .as(name + ": bronze's load stamp").containsIgnoringCase("timestamp");
        // dbt's catalog describes every relation the build made: models, seeds and snapshots
        long built = second.results().stream().filter(r -> java.util.Set.of("model", "seed", "snapshot").contains(r.resourceType())).count();
        assertThat(described.get("nodes")).as("every built model, seed and snapshot").hasSize((int) built);
    }

    /**
     * Every silver and gold table of {@code built} holds the rows of {@code full}'s, a full build of the
     * same bronze objects (metadata columns left out). int_load_batches records how each warehouse's
     * bronze was loaded, not what it holds: each lists its own bronze's batches.
     */
    static void assertSameTables(Warehouse built, Warehouse full) throws Exception {
        for (Warehouse warehouse : List.of(built, full)) {
            assertThat(rows(warehouse, "select count(*) as batches from silver.int_load_batches"))
                    .isEqualTo(rows(warehouse, "select count(distinct _loaded_at) as batches from bronze.spotify_events"));
        }
        // a snapshot's history grows with every build, so only its current versions can equal one full build's
        assertThat(rows(built, CURRENT_LISTENER_PROFILES)).as("current listener profiles").isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(rows(full, CURRENT_LISTENER_PROFILES));
        for (String schema : List.of("silver", "gold")) {
            for (String table : tables(full, schema)) {
                if (table.equals("int_load_batches") || table.equals("listener_profiles_snapshot")) {
                    continue;
                }
                assertThat(rows(built, "select * from " + schema + "." + table)).as(schema + "." + table)
                        .isNotEmpty().containsExactlyInAnyOrderElementsOf(rows(full, "select * from " + schema + "." + table));
            }
        }
    }

    private static final String CURRENT_LISTENER_PROFILES =
            "select user_id, home_country, preferred_device from gold.listener_profiles_snapshot where dbt_valid_to is null";

    static List<String> tables(Warehouse warehouse, String schema) throws Exception {
        return rows(warehouse, "select table_name from information_schema.tables where table_schema = '" + schema + "'").stream()
                .map(row -> row.substring("{table_name=".length(), row.length() - 1)).toList();
    }

    /** A snapshot's columns from the clock of the build that wrote the version, which two builds cannot share. */
    static final java.util.Set<String> SNAPSHOT_CLOCK_COLUMNS = java.util.Set.of("dbt_valid_from", "dbt_valid_to", "dbt_updated_at", "dbt_scd_id");

    static List<String> rows(Warehouse warehouse, String sql) throws Exception {
        try (Connection c = warehouse.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (meta.getColumnName(i).startsWith("_") || SNAPSHOT_CLOCK_COLUMNS.contains(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT))) {
                        continue; // metadata: when the row was written, not what it says
                    }
                    row.put(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT), normalized(rs.getObject(i)));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    static String normalized(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).round(TOLERANCE).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
        }
        return value.toString();
    }
}
